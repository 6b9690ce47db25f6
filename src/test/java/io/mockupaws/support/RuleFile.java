package io.mockupaws.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The rules of a Prometheus rule file, alerting and recording. */
public record RuleFile(Path path, List<Rule> rules) {

    public record Rule(String name, boolean alert, String expr, Map<String, String> labels, Map<String, String> annotations) {}

    @SuppressWarnings("unchecked")
    public static RuleFile read(Path path) throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(path)) {
            Map<String, Object> doc = new Yaml().load(in);
            for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                    boolean alert = r.containsKey("alert");
                    rules.add(new Rule((String) (alert ? r.get("alert") : r.get("record")), alert, String.valueOf(r.get("expr")),
                            (Map<String, String>) r.getOrDefault("labels", Map.of()),
                            (Map<String, String>) r.getOrDefault("annotations", Map.of())));
                }
            }
        }
        return new RuleFile(path, rules);
    }

    public List<Rule> alerts() {
        return rules.stream().filter(Rule::alert).toList();
    }

    public List<Rule> records() {
        return rules.stream().filter(r -> !r.alert()).toList();
    }
}
