package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.platform.cache.CacheStatistics;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.PriceBookFixture;
import java.net.http.HttpRequest;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Insights are cached (5-minute tier), and nothing that changes a figure waits for the TTL: an ingest that has
 * answered, a changed config, an imported price (here or in another process) are in the very next answer. And a
 * cached answer is never another tenant's to read.
 */
class InsightsCacheTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    private Api shipper;
    private String id;

    @BeforeEach
    void runningScenario() {
        shipper = anonymous.withApiKey(apiKey(owner, "ingest"));
        id = createScenario("cached", "us-east-1");
        assertThat(api.post("/api/v1/scenarios/" + id + "/start").status()).isEqualTo(200);
    }

    @AfterEach
    void defaultPrices() {
        PriceBookFixture.restoreDefaults(dataSource);
    }

    private void ingest(int events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events; i++) body.append("{\"message\":\"GET /checkout/").append(i).append(" 200 in 12 ms\"}\n");
        Api.Response r = shipper.send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", id)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private Api.Response metrics(Api as) {
        return as.get("/api/v1/scenarios/" + id + "/metrics");
    }

    private long events(JsonNode m) {
        return m.at("/summary/total_requests").asLong();
    }

    private CacheStatistics stats() {
        return caches.statistics().stream().filter(s -> s.name().equals("scenario-metrics")).findFirst().orElseThrow();
    }

    private static String bedrockCost(JsonNode m) {
        for (JsonNode s : m.get("cost_breakdown")) if (s.get("service").asString().equals("bedrock")) return s.get("cost_usd").asString();
        throw new AssertionError("no bedrock line in " + m);
    }

    @Test
    void aNewIngestIsInTheNextMetricsAtOnce() {
        ingest(3);
        Api.Response first = metrics(api);
        assertThat(events(first.json())).isEqualTo(3);
        long hits = stats().hits();
        Api.Response again = metrics(api);
        assertThat(stats().hits()).as("the second read is the cached answer").isEqualTo(hits + 1);
        assertThat(again.body()).isEqualTo(first.body());

        ingest(2);

        assertThat(events(metrics(api).json())).as("right after the ingest answered").isEqualTo(5);
        assertThat(api.post("/api/v1/scenarios/" + id + "/estimate", "{\"region\":\"us-east-1\"}").json()
                .at("/summary/total_requests").asLong()).isEqualTo(5);
        assertThat(api.get("/api/v1/scenarios/" + id + "/projection").json().at("/observed/summary/total_requests").asLong())
                .isEqualTo(5);
        ingest(1);
        assertThat(api.post("/api/v1/scenarios/" + id + "/estimate", "{\"region\":\"us-east-1\"}").json()
                .at("/summary/total_requests").asLong()).isEqualTo(6);
        assertThat(api.get("/api/v1/scenarios/" + id + "/projection").json().at("/observed/summary/total_requests").asLong())
                .isEqualTo(6);
    }

    @Test
    void aChangedConfigIsPricedAtOnce() {
        ingest(4);
        JsonNode haiku = metrics(api).json();
        metrics(api);

        Api.Response put = api.put("/api/v1/scenarios/" + id, "{\"pipeline\":{\"bedrock\":{\"model_id\":\"amazon.nova-micro-v1:0\"}}}");
        assertThat(put.status()).isEqualTo(200);

        JsonNode nova = metrics(api).json();
        assertThat(nova.at("/tokens/tokenizer").asString()).isEqualTo("chars/4");
        assertThat(bedrockCost(nova)).isNotEqualTo(bedrockCost(haiku));
        // a lifecycle change is a change too (and the figures of a stopped scenario are still its own)
        assertThat(api.post("/api/v1/scenarios/" + id + "/stop").status()).isEqualTo(200);
        assertThat(events(metrics(api).json())).isEqualTo(4);
    }

    @Test
    void anImportedPriceIsUsedAtOnce() {
        ingest(5);
        JsonNode before = metrics(api).json();
        assertThat(before.at("/pricing/price_book_version").asString()).isEqualTo("us-east-1@2025-01-01T00:00:00Z");

        Api.Response imported = adminApi().post("/api/v1/pricing/import", PriceBookFixture.offerText("AmazonBedrock-20261001.json"));
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);

        JsonNode after = metrics(api).json();
        assertThat(after.at("/pricing/price_book_version").asString()).isEqualTo("us-east-1@2026-10-01T00:00:00Z");
        assertThat(bedrockCost(after)).isNotEqualTo(bedrockCost(before));
    }

    @Test
    void aPriceChangedByAnotherProcessIsUsedWithinASecond() throws Exception {
        ingest(5);
        String before = bedrockCost(metrics(api).json());
        // what `pricing import` in another JVM, or an operator with psql, does: this process has no event of it
        jdbc.sql("""
                UPDATE prices SET price_per_unit = price_per_unit * 2
                WHERE service = 'bedrock' AND region = 'us-east-1' AND effective_to IS NULL""").update();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String after = before;
        while (after.equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = bedrockCost(metrics(api).json());
        }
        assertThat(new java.math.BigDecimal(after)).isEqualByComparingTo(new java.math.BigDecimal(before).multiply(java.math.BigDecimal.TWO));
    }

    @Test
    void aCachedAnswerIsOnlyEverReadByWhoMayReadTheScenario() {
        ingest(2);
        Api.Response mine = metrics(api);
        assertThat(mine.status()).isEqualTo(200);

        Api other = newUser("other").api();
        assertThat(metrics(other).status()).as("another tenant: as if it did not exist").isEqualTo(404);
        assertThat(other.get("/api/v1/scenarios/" + id + "/projection").status()).isEqualTo(404);
        assertThat(other.post("/api/v1/scenarios/" + id + "/estimate", "{}").status()).isEqualTo(404);

        Api.Response admin = metrics(adminApi());
        assertThat(admin.status()).isEqualTo(200);
        assertThat(events(admin.json())).isEqualTo(2);
    }
}
