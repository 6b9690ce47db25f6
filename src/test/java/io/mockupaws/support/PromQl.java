package io.mockupaws.support;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression (or a Grafana query, with its $variables) reads. */
public final class PromQl {

    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    // An identifier not preceded by a digit (1e3, 5m) nor followed by "(" (a function); possessive, so "sum (" is
    // never read as "su".
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.])([A-Za-z_:][A-Za-z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan", "start", "end");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*[,{]");

    private PromQl() {}

    public static Set<String> metricNames(String expr) {
        String s = GRAFANA_VARIABLE.matcher(expr).replaceAll(" ");
        s = STRING.matcher(s).replaceAll("\"\"");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase())) names.add(m.group(1));
        }
        return names;
    }

    /** The metric of a Grafana variable query {@code label_values(metric, label)}; empty for other queries. */
    public static Set<String> templateMetricNames(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = LABEL_VALUES.matcher(query);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** A dashboard query with Grafana's variables replaced, so that promtool can check it as PromQL. */
    public static String withoutGrafanaVariables(String expr) {
        return expr.replace("$__rate_interval", "5m").replace("$__range", "1h").replace("$__interval", "1m")
                .replace("${instance}", ".*").replace("$instance", ".*");
    }
}
