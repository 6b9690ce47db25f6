package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/scenarios/compare. */
class CompareApiTest extends ApiTest {

    private String scenario(String body) {
        String id = createScenario(body);
        TrafficAccumulator a = new TrafficAccumulator(Instant.parse("2026-11-02T10:15:00Z"));
        for (int i = 0; i < 1000; i++) a.add(100, 20);
        MetricsFixture.insert(jdbc, id, a.toWindow(), 0, 90_000, 0);
        return id;
    }

    @Test
    void eachScenarioWithItsSummaryAndDeltasAgainstTheBaselineAbsoluteAndInPercent() {
        String haiku = scenario("{\"name\":\"haiku\"}");
        String sonnet = scenario("{\"name\":\"sonnet\",\"pipeline\":{\"bedrock\":{\"model_id\":\"anthropic.claude-3-5-sonnet-20241022-v2:0\"}}}");
        String batched = scenario("{\"name\":\"batched\",\"pipeline\":{\"lambda\":{\"batch_size\":10}}}");

        Api.Response r = api.post("/api/v1/scenarios/compare",
                "{\"scenario_ids\":[\"" + haiku + "\",\"" + sonnet + "\",\"" + batched + "\"]}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.get("baseline_id").asString()).isEqualTo(haiku);
        assertThat(c.get("scenarios")).hasSize(3);
        assertThat(c.get("scenarios").get(0).get("summary").get("total_cost_usd").decimalValue()).isEqualByComparingTo("0.131608");
        assertThat(c.get("scenarios").get(1).get("name").asString()).isEqualTo("sonnet");
        // sonnet: bedrock 20,000 × 3/1M + 100,000 × 15/1M = 1.56 against 0.13: +1.43, +1100 %
        JsonNode vsSonnet = c.get("deltas").get(0);
        assertThat(vsSonnet.get("scenario_id").asString()).isEqualTo(sonnet);
        assertThat(vsSonnet.at("/services/bedrock/absolute_usd").decimalValue()).isEqualByComparingTo("1.43");
        assertThat(vsSonnet.at("/services/bedrock/percent").decimalValue()).isEqualByComparingTo("1100");
        assertThat(vsSonnet.at("/services/sqs/absolute_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(vsSonnet.at("/total/absolute_usd").decimalValue()).isEqualByComparingTo("1.43");
        // batch 10: L 100, bedrock output 10,000 × 1.25/1M = 0.0125 instead of 0.125
        JsonNode vsBatched = c.get("deltas").get(1);
        assertThat(vsBatched.at("/services/bedrock/absolute_usd").decimalValue()).isEqualByComparingTo("-0.1125");
        assertThat(vsBatched.at("/services/lambda/percent").decimalValue()).isEqualByComparingTo("-90");
    }

    @Test
    void anExplicitBaselineAndAZeroBaselineHaveNoPercent() {
        String empty = createScenario("empty", "us-east-1");
        String busy = scenario("{\"name\":\"busy\"}");

        JsonNode c = api.post("/api/v1/scenarios/compare",
                "{\"scenario_ids\":[\"" + busy + "\",\"" + empty + "\"],\"baseline_id\":\"" + empty + "\"}").json();

        assertThat(c.get("baseline_id").asString()).isEqualTo(empty);
        JsonNode d = c.get("deltas").get(0);
        assertThat(d.get("scenario_id").asString()).isEqualTo(busy);
        assertThat(d.at("/total/absolute_usd").decimalValue()).isEqualByComparingTo("0.131608");
        assertThat(d.at("/total/percent").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0} ids")
    @CsvSource({"0", "1", "5"})
    void aWrongNumberOfScenariosIs422(int count) {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < count; i++) ids.append(i == 0 ? "" : ",").append('"').append(scenario("{\"name\":\"s" + i + "\"}")).append('"');

        Api.Response r = api.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[" + ids + "]}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").toString()).contains("\"field\":\"scenario_ids\"");
    }

    @Test
    void repeatedIdsAForeignBaselineAndBadIdsAre422() {
        String a = scenario("{\"name\":\"a\"}");
        String b = scenario("{\"name\":\"b\"}");

        Api.Response repeated = api.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[\"" + a + "\",\"" + a + "\"]}");
        Api.Response baseline = api.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[\"" + a + "\",\"" + b
                + "\"],\"baseline_id\":\"" + UUID.randomUUID() + "\"}");
        Api.Response malformed = api.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[\"" + a + "\",\"nope\"]}");
        Api.Response missing = api.post("/api/v1/scenarios/compare", "{}");

        assertThat(repeated.status()).isEqualTo(422);
        assertThat(baseline.status()).isEqualTo(422);
        assertThat(baseline.json().get("errors").toString()).contains("baseline_id");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().get("errors").toString()).contains("scenario_ids[1]");
        assertThat(missing.status()).isEqualTo(422);
    }

    @Test
    void anUnknownScenarioIs404() {
        String a = scenario("{\"name\":\"a\"}");
        String unknown = UUID.randomUUID().toString();

        Api.Response r = api.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[\"" + a + "\",\"" + unknown + "\"]}");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("scenario-not-found");
        assertThat(r.json().get("detail").asString()).contains(unknown);
    }
}
