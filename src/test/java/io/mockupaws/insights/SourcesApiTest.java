package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/scenarios/{id}/sources, on the ingest module's per-source table. */
class SourcesApiTest extends ApiTest {

    @BeforeEach
    void sourceTable() {
        MetricsFixture.ensureSourceStatsTable(jdbc);
        jdbc.sql("TRUNCATE scenario_source_stats").update();
    }

    @Test
    void perSourceTotalsAndACostShareAllocatedByEachLinesDriver() {
        String id = createScenario("sources", "us-east-1");
        TrafficAccumulator a = new TrafficAccumulator(Instant.parse("2026-11-02T10:15:00Z"));
        for (int i = 0; i < 1000; i++) a.add(100, 20);
        MetricsFixture.insert(jdbc, id, a.toWindow(), 0, 90_000, 0);
        MetricsFixture.insertSource(jdbc, id, "nginx", 0, 500, 50_000, 500, 15_000, 3);
        MetricsFixture.insertSource(jdbc, id, "nginx", 1, 250, 25_000, 250, 0, 0);
        MetricsFixture.insertSource(jdbc, id, "", 0, 250, 25_000, 250, 5_000, 0);

        JsonNode r = api.get("/api/v1/scenarios/" + id + "/sources").json();

        assertThat(r.get("total_cost_usd").decimalValue()).isEqualByComparingTo("0.131608");
        JsonNode nginx = r.get("sources").get(0);
        assertThat(nginx.get("source").asString()).isEqualTo("nginx");
        assertThat(nginx.get("events").asLong()).isEqualTo(750);
        assertThat(nginx.get("input_tokens").asLong()).isEqualTo(15_000);
        assertThat(nginx.get("pii_events").asLong()).isEqualTo(3);
        // sqs 0.0012 × 0.75 + lambda 0.00040833375 × 0.75 + input 0.005 × 0.75 + output 0.125 × 0.75 = 0.0987062503
        assertThat(nginx.get("cost_usd").decimalValue()).isEqualByComparingTo("0.098706");
        assertThat(nginx.get("cost_share_percent").decimalValue()).isEqualByComparingTo("75");
        JsonNode unknown = r.get("sources").get(1);
        assertThat(unknown.get("source").asString()).isEmpty();
        BigDecimal shares = nginx.get("cost_share_percent").decimalValue().add(unknown.get("cost_share_percent").decimalValue());
        assertThat(shares).isEqualByComparingTo("100");
        assertThat(r.get("allocation").asString()).contains("share of 64 KiB blocks");
    }

    @Test
    void aScenarioWithoutSourcesHasAnEmptyList() {
        String id = createScenario("quiet", "us-east-1");

        JsonNode r = api.get("/api/v1/scenarios/" + id + "/sources").json();

        assertThat(r.get("sources")).isEmpty();
        assertThat(r.get("total_cost_usd").decimalValue()).isEqualByComparingTo("0");
    }
}
