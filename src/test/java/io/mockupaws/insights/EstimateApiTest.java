package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import io.mockupaws.support.PriceBookFixture;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/scenarios/{id}/estimate: the stored traffic re-priced under another config; nothing saved. */
class EstimateApiTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    PriceBook book;

    @AfterEach
    void restoreTheDefaultBook() {
        PriceBookFixture.restoreDefaults(dataSource);
    }

    /** 1000 events of 100 bytes (400 characters of text would be 100 tokens at chars/4; stored: 20 cl100k tokens each). */
    private String scenarioWithTraffic(String body) {
        String id = createScenario(body);
        TrafficAccumulator a = new TrafficAccumulator(Instant.parse("2026-11-02T10:15:00Z"));
        for (int i = 0; i < 1000; i++) a.add(100, 20);
        MetricsFixture.insert(jdbc, id, a.toWindow(), 0, 1000L * 90, 0);
        return id;
    }

    private String stored(String id) {
        return api.get("/api/v1/scenarios/" + id).body() + jdbc.sql(
                "SELECT count(*) || '/' || sum(events) FROM scenario_metrics").query(String.class).single();
    }

    @Test
    void anEmptyWhatIfIsTheMetricsAndSaysNothingIsSaved() {
        String id = scenarioWithTraffic("{\"name\":\"same\"}");

        JsonNode e = api.post("/api/v1/scenarios/" + id + "/estimate", "{}").json();
        JsonNode m = api.get("/api/v1/scenarios/" + id + "/metrics").json();

        assertThat(e.get("summary")).isEqualTo(m.get("summary"));
        assertThat(e.get("what_if").get("saved").asBoolean()).isFalse();
        assertThat(e.get("what_if").get("region").asString()).isEqualTo("us-east-1");
        assertThat(api.post("/api/v1/scenarios/" + id + "/estimate", null).status()).isEqualTo(200);
    }

    @Test
    void batchingMemoryAndTheFreeTierArePricedAndNothingStoredChanges() {
        String id = scenarioWithTraffic("{\"name\":\"what-if\"}");
        String before = stored(id);

        JsonNode e = api.post("/api/v1/scenarios/" + id + "/estimate", """
                {"pipeline":{"lambda":{"batch_size":10,"memory_mb":1024},"free_tier":true}}""").json();

        JsonNode s = e.get("summary");
        // L = ceil(1000 / 10) = 100; sqs = 1000 + 2·100 = 1200 requests; gb-s = 100 × 1 GB × 0.1 s = 10
        assertThat(s.get("lambda_invocations").asLong()).isEqualTo(100);
        assertThat(s.get("sqs_requests").asLong()).isEqualTo(1200);
        assertThat(s.get("lambda_gb_seconds").decimalValue()).isEqualByComparingTo("10");
        assertThat(s.get("llm_output_tokens").asLong()).isEqualTo(10_000);
        // free tier: SQS and Lambda are free at this volume; bedrock 20000 × 0.25/1M + 10000 × 1.25/1M = 0.0175
        assertThat(e.get("cost_breakdown").get(0).get("cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(e.get("cost_breakdown").get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.get("total_cost_usd").decimalValue()).isEqualByComparingTo("0.0175");
        // the complete effective config is echoed, the unchanged keys kept
        assertThat(e.at("/what_if/pipeline/lambda/batch_size").asInt()).isEqualTo(10);
        assertThat(e.at("/what_if/pipeline/lambda/duration_ms").asInt()).isEqualTo(100);
        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void anotherModelWithAnotherTokenizerReEstimatesTokensFromCharactersAndSaysSo() {
        String id = scenarioWithTraffic("{\"name\":\"nova\"}");

        JsonNode e = api.post("/api/v1/scenarios/" + id + "/estimate", """
                {"pipeline":{"bedrock":{"model_id":"amazon.nova-micro-v1:0"}}}""").json();

        // 90,000 characters in one minute / 4 = 22,500 tokens (stored cl100k count: 20,000)
        assertThat(e.get("summary").get("llm_input_tokens").asLong()).isEqualTo(22_500);
        JsonNode t = e.get("tokens");
        assertThat(t.get("tokenizer").asString()).isEqualTo("chars/4");
        assertThat(t.get("counted_with").asString()).isEqualTo("cl100k_base");
        assertThat(t.get("estimated").asBoolean()).isTrue();
        assertThat(t.get("method").asString()).contains("re-estimated from the stored character counts");
        // 22,500 × 0.035/1M + 100,000 × 0.14/1M = 0.0007875 + 0.014
        assertThat(e.get("cost_breakdown").get(2).get("cost_usd").decimalValue()).isEqualByComparingTo("0.014788");
    }

    @Test
    void aModelWithTheSameTokenizerKeepsTheCountedTokensAndBatchModeHalvesTheTokenPrices() {
        String id = scenarioWithTraffic("{\"name\":\"sonnet\"}");

        JsonNode e = api.post("/api/v1/scenarios/" + id + "/estimate", """
                {"pipeline":{"bedrock":{"model_id":"anthropic.claude-3-5-sonnet-20241022-v2:0","mode":"batch"}}}""").json();

        assertThat(e.get("summary").get("llm_input_tokens").asLong()).isEqualTo(20_000);
        assertThat(e.get("tokens").get("method").asString()).startsWith("counted at ingest with cl100k_base");
        // (20,000 × 3/1M + 100,000 × 15/1M) × 0.5 = (0.06 + 1.5) / 2 = 0.78
        assertThat(e.get("cost_breakdown").get(2).get("cost_usd").decimalValue()).isEqualByComparingTo("0.78");
    }

    @Test
    void priceOverridesAreAppliedWhenThePricesAreResolvedAndShown() {
        String id = scenarioWithTraffic("{\"name\":\"negotiated\"}");

        JsonNode e = api.post("/api/v1/scenarios/" + id + "/estimate", """
                {"pipeline":{"price_overrides":{"discount_percent":{"sqs":10,"bedrock":20},
                                                "bedrock":{"output_per_million":1.0}}}}""").json();

        // sqs 3000 × 0.36/1M = 0.00108; bedrock 20,000 × 0.20/1M + 100,000 × 1.0/1M = 0.004 + 0.1
        assertThat(e.get("cost_breakdown").get(0).get("cost_usd").decimalValue()).isEqualByComparingTo("0.00108");
        assertThat(e.get("cost_breakdown").get(2).get("cost_usd").decimalValue()).isEqualByComparingTo("0.104");
        JsonNode input = e.get("cost_breakdown").get(2).get("unit_prices").get(0);
        assertThat(input.get("price_per_unit").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(input.get("list_price_per_unit").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(e.at("/pricing/overrides/discount_percent/sqs").asInt()).isEqualTo(10);
        assertThat(e.at("/pricing/price_book_version").asString()).isEqualTo("us-east-1@2025-01-01T00:00:00Z");
    }

    @Test
    void anotherRegionIsPricedFromItsOwnPricesOnceImported() throws Exception {
        String id = scenarioWithTraffic("{\"name\":\"ireland\"}");
        Api.Response before = api.post("/api/v1/scenarios/" + id + "/estimate", "{\"region\":\"eu-west-1\"}");
        for (String f : List.of("AWSQueueService-20260601.json", "AWSLambda-20260601.json", "AmazonBedrock-20260601.json")) {
            book.importOffers(List.of(new PriceBook.OfferSource(f, () -> Files.newInputStream(PriceBookFixture.offer(f)))),
                    Set.of());
        }

        JsonNode e = api.post("/api/v1/scenarios/" + id + "/estimate", """
                {"region":"eu-west-1","pipeline":{"bedrock":{"model_id":"amazon.nova-micro-v1:0"}}}""").json();

        assertThat(before.status()).isEqualTo(422);
        assertThat(before.code()).isEqualTo("price-not-found");
        assertThat(before.json().get("detail").asString()).contains("eu-west-1");
        assertThat(e.at("/pricing/region").asString()).isEqualTo("eu-west-1");
        assertThat(e.at("/pricing/price_book_version").asString()).isEqualTo("eu-west-1@2026-06-01T00:00:00Z");
        // eu-west-1 Nova Micro: 22,500 × 0.046/1M + 100,000 × 0.184/1M = 0.001035 + 0.0184
        assertThat(e.get("cost_breakdown").get(2).get("cost_usd").decimalValue()).isEqualByComparingTo("0.019435");
    }

    @Test
    void aRegionWithoutPricesIsAClearProblemNamingTheMissingPrice() {
        String id = scenarioWithTraffic("{\"name\":\"frankfurt\"}");

        Api.Response r = api.post("/api/v1/scenarios/" + id + "/estimate", "{\"region\":\"eu-central-1\"}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("price-not-found");
        assertThat(r.json().get("region").asString()).isEqualTo("eu-central-1");
        assertThat(r.json().get("service").asString()).isEqualTo("sqs");
        assertThat(r.json().get("detail").asString()).contains("No price for sqs requests (standard) in eu-central-1");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"pipeline":{"lambda":{"memory_mb":64}}}                                  | pipeline.lambda.memory_mb
            {"pipeline":{"lambda":{"batch_size":0}}}                                  | pipeline.lambda.batch_size
            {"pipeline":{"sqs":{"send_batch_size":11}}}                               | pipeline.sqs.send_batch_size
            {"pipeline":{"lambda":{"architecture":"sparc"}}}                          | pipeline.lambda.architecture
            {"pipeline":{"lambda":{"memroy_mb":256}}}                                 | pipeline.lambda.memroy_mb
            {"pipeline":{"bedrock":{"model_id":"openai.gpt-9"}}}                      | pipeline.bedrock.model_id
            {"pipeline":{"price_overrides":{"discount_percent":{"lambda":150}}}}      | pipeline.price_overrides.discount_percent.lambda
            {"pipeline":{"price_overrides":{"bedrock":{"input_per_million":-1}}}}     | pipeline.price_overrides.bedrock.input_per_million
            {"pipeline":{"lambda":{"memory_mb":"big"}}}                               | pipeline.lambda.memory_mb
            {"pipeline":5}                                                            | pipeline
            {"region":"mars-1"}                                                       | region
            {"regoin":"eu-west-1"}                                                    | regoin""")
    void invalidOverridesAre422NamingTheFieldAndChangeNothing(String body, String field) {
        String id = scenarioWithTraffic("{\"name\":\"invalid\"}");
        String before = stored(id);

        Api.Response r = api.post("/api/v1/scenarios/" + id + "/estimate", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation-failed");
        assertThat(r.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
        assertThat(r.body()).doesNotContain("Exception");
        assertThat(stored(id)).isEqualTo(before);
    }
}
