package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Whatever is rolled up, the insights read the same figures as from the raw minutes. */
class HourlyRollupTest extends ApiTest {

    static final Instant START = Instant.parse("2026-10-31T21:00:00Z"); // across the end of October (UTC)

    @Autowired
    HourlyRollup rollup;

    private String scenarioWithTraffic() {
        String id = createScenario("""
                {"name":"rollup","pipeline":{"sqs":{"send_batch_size":4},"lambda":{"batch_size":7,
                 "duration_model":{"base_ms":12.5,"per_kb_ms":0.75}},"bedrock":{"prompt_overhead_tokens":30}}}""");
        MetricsFixture.irregularTraffic(jdbc, id, START, 6 * 60, 9, 3, 60, 11); // six hours, 1–3 shards
        return id;
    }

    private JsonNode read(String id, String query) {
        JsonNode m = query.startsWith("estimate")
                ? api.post("/api/v1/scenarios/" + id + "/estimate" + query.substring(8),
                        "{\"pipeline\":{\"bedrock\":{\"model_id\":\"amazon.nova-lite-v1:0\"},\"lambda\":{\"batch_size\":3}}}").json()
                : api.get("/api/v1/scenarios/" + id + "/metrics" + query).json();
        assertThat(m.has("summary")).as(m.toString()).isTrue();
        ((tools.jackson.databind.node.ObjectNode) m.get("pricing")).remove("at");
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "?granularity=day", "?from=2026-10-31T21:17:00Z&to=2026-11-01T01:43:00Z",
            "?granularity=minute&from=2026-10-31T22:00:00Z&to=2026-10-31T23:00:00Z", "estimate", "estimate?granularity=day"})
    void rolledUpHoursGiveExactlyTheRawFigures(String query) {
        String id = scenarioWithTraffic();
        JsonNode raw = read(id, query);

        int rows = rollup.rollUp(START.plus(Duration.ofHours(4)).plus(HourlyRollup.GRACE)); // 4 of the 6 hours

        assertThat(rows).isEqualTo(4);
        assertThat(read(id, query)).isEqualTo(raw);
        rollup.rollUp(Instant.now());
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_metrics_hourly").query(Long.class).single()).isEqualTo(6);
        assertThat(read(id, query)).isEqualTo(raw);
    }

    @Test
    void rolledHoursAreReadFromTheRollupNotFromTheMinutes() {
        String id = scenarioWithTraffic();
        JsonNode raw = read(id, "?granularity=day");
        rollup.rollUp(Instant.now());

        // archived raw minutes (ops may move them away) no longer matter once rolled up
        jdbc.sql("DELETE FROM scenario_metrics").update();

        assertThat(read(id, "?granularity=day").get("summary")).isEqualTo(raw.get("summary"));
        assertThat(read(id, "?granularity=day").get("cost_breakdown")).isEqualTo(raw.get("cost_breakdown"));
        assertThat(read(id, "?granularity=day").get("window").get("from")).isEqualTo(raw.get("window").get("from"));
    }

    @Test
    void anOpenHourIsNotRolledAndRunningAgainIsANoOp() {
        String id = scenarioWithTraffic();

        assertThat(rollup.rollUp(START.plus(Duration.ofMinutes(64)))).isZero(); // 22:00 has not been closed for 5 min
        assertThat(rollup.rollUp(START.plus(Duration.ofMinutes(65)))).isEqualTo(1);
        assertThat(rollup.rollUp(START.plus(Duration.ofMinutes(65)))).isZero();
        assertThat(jdbc.sql("SELECT rolled_until FROM scenario_metrics_rollup WHERE scenario_id = CAST(:id AS uuid)")
                .param("id", id).query(Timestamp.class).single().toInstant()).isEqualTo(START.plus(Duration.ofHours(1)));
    }

    @Test
    void loweringRolledUntilRollsTheHoursAgainWithALateWrite() {
        String id = scenarioWithTraffic();
        rollup.rollUp(Instant.now());
        long before = api.get("/api/v1/scenarios/" + id + "/metrics").json().at("/summary/total_requests").asLong();

        TrafficAccumulator late = new TrafficAccumulator(START.plus(Duration.ofMinutes(30)));
        for (int i = 0; i < 1000; i++) late.add(100, 1);
        MetricsFixture.insert(jdbc, id, late.toWindow(), 7, 100_000, 0);
        jdbc.sql("UPDATE scenario_metrics_rollup SET rolled_until = :hour").param("hour", Timestamp.from(START)).update();

        assertThat(api.get("/api/v1/scenarios/" + id + "/metrics").json().at("/summary/total_requests").asLong())
                .isEqualTo(before + 1000); // hours from rolled_until on are read raw until rolled again
        rollup.rollUp(Instant.now());
        assertThat(api.get("/api/v1/scenarios/" + id + "/metrics").json().at("/summary/total_requests").asLong())
                .isEqualTo(before + 1000);
    }

    @Test
    void deletingAScenarioDeletesItsRollup() {
        String id = scenarioWithTraffic();
        rollup.rollUp(Instant.now());

        assertThat(api.delete("/api/v1/scenarios/" + id).status()).isEqualTo(204);

        assertThat(jdbc.sql("SELECT count(*) FROM scenario_metrics_hourly").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_metrics_rollup").query(Long.class).single()).isZero();
    }
}
