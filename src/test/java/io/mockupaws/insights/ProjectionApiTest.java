package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/scenarios/{id}/projection?period=month. */
class ProjectionApiTest extends ApiTest {

    static final Instant DAY0 = Instant.parse("2026-10-01T00:00:00Z");

    private void minute(String id, Instant start, int events) {
        TrafficAccumulator a = new TrafficAccumulator(start);
        for (int i = 0; i < events; i++) a.add(100, 20);
        MetricsFixture.insert(jdbc, id, a.toWindow(), 0, events * 100L, 0);
    }

    @Test
    void usageIsProjectedTo730HoursThenPricedAndAFlatTrendPredictsTheSame() {
        String id = createScenario("steady", "us-east-1");
        for (int h = 0; h < 240; h++) minute(id, DAY0.plus(Duration.ofHours(h)), 100); // 10 days, 100 events an hour

        JsonNode p = api.get("/api/v1/scenarios/" + id + "/projection?period=month&from=2026-10-01&to=2026-10-11").json();

        assertThat(p.at("/observed/hours").decimalValue()).isEqualByComparingTo("240");
        assertThat(p.at("/observed/summary/total_requests").asLong()).isEqualTo(24_000);
        // 24,000 events × 730 / 240 = 73,000: sqs 219,000 × 0.40/1M = 0.0876; lambda 73,000 × 0.20/1M = 0.0146
        // + 912.5 GB-s × 0.0000166667 = 0.01520836375; bedrock 1,460,000 × 0.25/1M + 7,300,000 × 1.25/1M = 9.49
        JsonNode s = p.get("projected_summary");
        assertThat(s.get("total_requests").decimalValue()).isEqualByComparingTo("73000");
        assertThat(s.get("lambda_gb_seconds").decimalValue()).isEqualByComparingTo("912.5");
        assertThat(s.get("total_cost_usd").decimalValue()).isEqualByComparingTo("9.607408");
        assertThat(p.get("cost_breakdown").get(2).get("lines").get(0).get("month").isNull()).isTrue();

        JsonNode pr = p.get("prediction");
        assertThat(pr.get("bucket").asString()).isEqualTo("day");
        assertThat(pr.get("points").asInt()).isEqualTo(10);
        assertThat(pr.get("slope_events_per_bucket").decimalValue()).isEqualByComparingTo("0");
        assertThat(pr.get("predicted_events").decimalValue()).isEqualByComparingTo("73000");
        assertThat(pr.get("predicted_events_low").decimalValue()).isEqualByComparingTo("73000");
        assertThat(pr.get("cost_usd").decimalValue()).isEqualByComparingTo("9.607408");
        assertThat(pr.get("method").asString()).contains("least squares").contains("95 %");
        assertThat(p.get("prediction_unavailable").isNull()).isTrue();
    }

    @Test
    void aGrowingTrendPredictsMoreThanTheAverageRateWithAnIntervalAroundIt() {
        String id = createScenario("growing", "us-east-1");
        int[] noise = {12, -25, 7, 30, -14, -3, 21, -30, 5, 0};
        for (int d = 0; d < 10; d++) minute(id, DAY0.plus(Duration.ofDays(d)).plus(Duration.ofHours(12)), 1000 + 100 * d + noise[d]);

        JsonNode p = api.get("/api/v1/scenarios/" + id + "/projection?from=2026-10-01&to=2026-10-11").json();

        JsonNode pr = p.get("prediction");
        double expected = pr.get("predicted_events").asDouble();
        assertThat(pr.get("slope_events_per_bucket").asDouble()).isBetween(90.0, 110.0);
        assertThat(expected).isGreaterThan(p.at("/projected_summary/total_requests").asDouble());
        assertThat(pr.get("predicted_events_low").asDouble()).isLessThan(expected);
        assertThat(pr.get("predicted_events_high").asDouble()).isGreaterThan(expected);
        assertThat(pr.get("cost_usd_low").decimalValue()).isLessThan(pr.get("cost_usd").decimalValue());
        assertThat(pr.get("cost_usd_high").decimalValue()).isGreaterThan(pr.get("cost_usd").decimalValue());
    }

    @Test
    void aShortObservationHasAProjectionButNoTrend() {
        String id = createScenario("short", "us-east-1");
        minute(id, DAY0, 10);
        minute(id, DAY0.plus(Duration.ofMinutes(90)), 10);

        JsonNode p = api.get("/api/v1/scenarios/" + id + "/projection").json();

        // observed from the first minute to the minute after the last: 91 minutes
        assertThat(p.at("/observed/hours").decimalValue()).isEqualByComparingTo("1.5167");
        assertThat(p.get("projected_summary").get("total_cost_usd").decimalValue()).isPositive();
        assertThat(p.get("prediction").isNull()).isTrue();
        assertThat(p.get("prediction_unavailable").asString()).contains("at least 3 complete hours");
    }

    @Test
    void noTrafficProjectsNothing() {
        String id = createScenario("none", "us-east-1");

        JsonNode p = api.get("/api/v1/scenarios/" + id + "/projection").json();

        assertThat(p.at("/projected_summary/total_cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(p.at("/projected_summary/avg_cost_per_request").decimalValue()).isEqualByComparingTo("0");
        assertThat(p.get("prediction_unavailable").asString()).isEqualTo("no traffic to project");
    }

    @Test
    void onlyAMonthIsAPeriod() {
        String id = createScenario("period", "us-east-1");

        Api.Response r = api.get("/api/v1/scenarios/" + id + "/projection?period=year");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("parameter").asString()).isEqualTo("period");
    }
}
