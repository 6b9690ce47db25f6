package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the detector against the labelled corpus {@code pii-corpus.tsv} and enforces the product's
 * quality bar: precision &ge; 0.97 and recall &ge; 0.95 for every PII type.
 *
 * <p>Counting is per line and per type: {@code TP = min(expected, found)}, {@code FP = found - expected}
 * when positive, {@code FN = expected - found} when positive. Counts rather than offsets are compared because
 * the corpus labels what a human sees in a line; offsets are covered by the rule tests.
 */
class PiiCorpusTest {

    private static final double MIN_PRECISION = 0.97;
    private static final double MIN_RECALL = 0.95;
    private static final int MIN_POSITIVES_PER_TYPE = 15;
    private static final int MIN_LINES = 300;

    private record Case(int lineNumber, Map<PiiType, Integer> expected, String text) {
    }

    private record Score(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    private static List<Case> corpus;
    private static Map<PiiType, Score> scores;

    @BeforeAll
    static void evaluate() throws IOException {
        corpus = load();
        PiiDetector detector = new PiiDetector();
        Map<PiiType, int[]> counts = new EnumMap<>(PiiType.class);
        for (PiiType type : PiiType.values()) {
            counts.put(type, new int[3]);
        }
        List<String> mistakes = new ArrayList<>();
        for (Case c : corpus) {
            Map<PiiType, Integer> found = new EnumMap<>(PiiType.class);
            for (PiiFinding f : detector.find(c.text())) {
                found.merge(f.type(), 1, Integer::sum);
            }
            for (PiiType type : PiiType.values()) {
                int expected = c.expected().getOrDefault(type, 0);
                int actual = found.getOrDefault(type, 0);
                int[] tpFpFn = counts.get(type);
                tpFpFn[0] += Math.min(expected, actual);
                tpFpFn[1] += Math.max(0, actual - expected);
                tpFpFn[2] += Math.max(0, expected - actual);
                if (expected != actual) {
                    mistakes.add(String.format("  line %d %s expected=%d found=%d : %s", c.lineNumber(),
                            type.code(), expected, actual, abbreviate(c.text())));
                }
            }
        }
        scores = new EnumMap<>(PiiType.class);
        counts.forEach((type, v) -> scores.put(type, new Score(v[0], v[1], v[2])));
        printReport(mistakes);
    }

    @Test
    void corpusIsLargeAndCoversEveryType() {
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(MIN_LINES);
        for (PiiType type : PiiType.values()) {
            Score s = scores.get(type);
            assertThat(s.tp() + s.fn()).as("positive instances of %s", type.code())
                    .isGreaterThanOrEqualTo(MIN_POSITIVES_PER_TYPE);
        }
        long negatives = corpus.stream().filter(c -> c.expected().isEmpty()).count();
        assertThat(negatives).as("hard-negative lines").isGreaterThanOrEqualTo(100);
    }

    @Test
    void everyTypeMeetsPrecisionAndRecallBar() {
        for (PiiType type : PiiType.values()) {
            Score s = scores.get(type);
            assertThat(s.precision()).as("precision of %s (%s)", type.code(), s).isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(s.recall()).as("recall of %s (%s)", type.code(), s).isGreaterThanOrEqualTo(MIN_RECALL);
        }
    }

    private static void printReport(List<String> mistakes) {
        StringBuilder out = new StringBuilder("\nPII corpus: ").append(corpus.size()).append(" lines\n");
        out.append(String.format("%-15s %5s %5s %5s %9s %9s%n", "type", "TP", "FP", "FN", "precision", "recall"));
        for (PiiType type : PiiType.values()) {
            Score s = scores.get(type);
            out.append(String.format("%-15s %5d %5d %5d %9.3f %9.3f%n", type.code(), s.tp(), s.fp(), s.fn(),
                    s.precision(), s.recall()));
        }
        if (!mistakes.isEmpty()) {
            out.append("Mismatches (corpus test data, not production values):\n");
            mistakes.forEach(m -> out.append(m).append('\n'));
        }
        System.out.print(out);
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    private static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                PiiCorpusTest.class.getResourceAsStream("/pii-corpus.tsv"), "pii-corpus.tsv on test classpath");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    throw new IllegalStateException("pii-corpus.tsv line " + lineNumber + " has no TAB");
                }
                cases.add(new Case(lineNumber, parseLabels(line.substring(0, tab), lineNumber), line.substring(tab + 1)));
            }
        }
        return cases;
    }

    private static Map<PiiType, Integer> parseLabels(String labels, int lineNumber) {
        Map<PiiType, Integer> expected = new EnumMap<>(PiiType.class);
        if (labels.equals("-")) {
            return expected;
        }
        for (String part : labels.split(",")) {
            String[] kv = part.split(":");
            if (kv.length != 2) {
                throw new IllegalStateException("pii-corpus.tsv line " + lineNumber + ": bad label '" + part + "'");
            }
            expected.merge(PiiType.fromCode(kv[0].trim()), Integer.parseInt(kv[1].trim()), Integer::sum);
        }
        return expected;
    }
}
