package io.mockupaws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code benchmark-db} on a small seed, through the packaged jar: the compare table, the JSON file and a plan per
 * statement and phase, the "before" plans without the performance indexes and the "after" ones with them.
 */
class BenchmarkDbIT {

    static final List<String> QUERIES = List.of("scenario_list", "scenario_by_status", "scenario_with_relations",
            "logs_by_scenario", "logs_by_scenario_and_date", "logs_aggregate", "metrics_time_series", "pii_detection_query",
            "reports_by_scenario", "materialized_view", "count_by_status");

    @Test
    void seedsComparesAndWritesTheTableTheJsonAndThePlans() throws Exception {
        Path dir = Path.of("target", "it-benchmark-db").toAbsolutePath();
        Files2.deleteTree(dir);
        Path json = dir.resolve("result.json");
        Path plans = dir.resolve("plans");
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dir.resolve("data").toString(),
                "MOCKUPAWS_WAL_ARCHIVING", "false");

        JarProcess.Result r = JarProcess.runWithInput(env, "", 600, "benchmark-db", "--seed", "--scenarios", "20",
                "--logs", "20000", "--months", "3", "--compare", "--runs", "3", "--json", json.toString(),
                "--plans", plans.toString());

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("seeded 1 owners, 20 scenarios, 20,000 events and [\\d,]+ metric rows: "
                + "COPY [\\d.]+ s = [\\d,]+ rows/s");
        assertThat(r.out()).contains("Query", "Before p50", "Before p95", "After p50", "After p95", "Improvement");
        for (String q : QUERIES) assertThat(r.out()).as(q).containsPattern("(?m)^" + q + " +(point/list|aggregate) ");
        assertThat(r.out()).containsPattern("\\d+ of \\d+ statements meet their target");

        JsonNode result = JsonMapper.builder().build().readTree(json.toFile());
        assertThat(result.at("/seed/log_rows").asLong()).isEqualTo(20_000);
        assertThat(result.at("/seed/rows_per_second").asDouble()).isPositive();
        assertThat(result.at("/machine/cpus").asInt()).isPositive();
        for (String phase : List.of("before", "after")) {
            JsonNode queries = result.at("/" + phase + "/queries");
            assertThat(queries.valueStream().map(q -> q.get("name").asString()).toList()).as(phase).containsAll(QUERIES);
            for (JsonNode q : queries) {
                assertThat(q.get("runs").asInt()).isEqualTo(3);
                assertThat(q.get("p95_ms").asDouble()).isGreaterThanOrEqualTo(q.get("p50_ms").asDouble()).isPositive();
                Path plan = Path.of(q.get("plan_file").asString());
                assertThat(plan).exists().startsWith(plans.resolve(phase));
                assertThat(Files.readString(plan)).contains("Execution Time", "Buffers");
            }
        }
        assertThat(result.get("comparison").valueStream().map(q -> q.get("query").asString()).toList()).containsAll(QUERIES);

        // before: the schema as V13 left it (no performance index, the view computed from its query); after: with them
        String before = Files.readString(plans.resolve("before/logs_by_scenario.txt"));
        String after = Files.readString(plans.resolve("after/logs_by_scenario.txt"));
        assertThat(before).doesNotContain("scenario_id_received_at_id_idx").contains("Seq Scan");
        assertThat(after).contains("Index Scan Backward using scenario_logs_").contains("scenario_id_received_at_id_idx");
        assertThat(Files.readString(plans.resolve("before/materialized_view.txt"))).doesNotContain("on mv_scenario_daily_stats");
        assertThat(Files.readString(plans.resolve("after/materialized_view.txt"))).contains("mv_scenario_daily_stats");
        try (Stream<Path> files = Files.list(plans.resolve("after"))) {
            assertThat(files.count()).isGreaterThanOrEqualTo(QUERIES.size());
        }

        // the schema is whole afterwards: the "before" run was rolled back
        JarProcess.Result again = JarProcess.runWithInput(env, "", 300, "benchmark-db", "--after", "--runs", "1",
                "--plans", plans.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("Query", "p50", "p95").doesNotContain("Before p50");
        Files2.deleteTree(dir.resolve("data"));
    }

    @Test
    void withoutSomethingToDoItPrintsItsUsage() throws Exception {
        JarProcess.Result r = JarProcess.run(Map.of(), "benchmark-db");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("--seed", "--compare", "--json");
    }
}
