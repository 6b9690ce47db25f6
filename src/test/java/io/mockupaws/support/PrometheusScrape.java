package io.mockupaws.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of /actuator/prometheus (text format), read into samples. */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples = new ArrayList<>();
    private final String text;

    public PrometheusScrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) throw new IllegalArgumentException("not a Prometheus sample: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) labels.put(l.group(1), l.group(2));
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
    }

    public static PrometheusScrape of(Api api) {
        Api.Response r = api.get("/actuator/prometheus");
        if (r.status() != 200) throw new AssertionError("scrape failed: " + r);
        return new PrometheusScrape(r.body());
    }

    /** Sum of the samples of {@code name} whose labels include every {@code "label=value"} given. */
    public double sum(String name, String... labelMatches) {
        return samples.stream().filter(s -> s.name().equals(name) && matches(s.labels(), labelMatches))
                .mapToDouble(Sample::value).sum();
    }

    public boolean has(String name, String... labelMatches) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && matches(s.labels(), labelMatches));
    }

    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    public List<Sample> samples() {
        return samples;
    }

    public String text() {
        return text;
    }

    private static boolean matches(Map<String, String> labels, String... labelMatches) {
        for (String match : labelMatches) {
            int eq = match.indexOf('=');
            if (!match.substring(eq + 1).equals(labels.get(match.substring(0, eq)))) return false;
        }
        return true;
    }
}
