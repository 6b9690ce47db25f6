package io.mockupaws.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.RedisServer;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole application with its caches in a real redis-server: the answers read back from Redis are byte for byte
 * the answers computed (every record of the insights and scenario APIs survives the JSON round trip), changes are
 * seen at once, tenants stay apart, and the admin endpoint counts Redis's entries.
 */
@DirtiesContext // its own application, on a Redis that stops with the class: not one to keep for other tests
class RedisCacheApiTest extends ApiTest {

    private static RedisServer redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("mockupaws.redis.url", () -> started().url());
    }

    private static synchronized RedisServer started() {
        try {
            if (redis == null) redis = RedisServer.start();
            return redis;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) redis.close();
        redis = null;
    }

    private List<String> redisKeys(String pattern) {
        RedisClient client = RedisClient.create(started().url());
        try (var c = client.connect()) {
            return c.sync().keys(pattern);
        } finally {
            client.shutdown();
        }
    }

    private void ingest(Api shipper, String id, String ndjson) {
        Api.Response r = shipper.send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", id)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void insightsReadBackFromRedisExactlyAsComputedAndFollowIngest() {
        assertThat(caches.backend()).isEqualTo("redis");
        String id = createScenario("""
                {"name":"redis","pipeline":{"lambda":{"batch_size":3,"duration_model":{"base_ms":12.5,"per_kb_ms":0.75}},
                 "bedrock":{"prompt_overhead_tokens":40},"price_overrides":{"discount_percent":{"sqs":12.5}}}}""");
        api.post("/api/v1/scenarios/" + id + "/start");
        Api shipper = anonymous.withApiKey(apiKey(owner, "ingest"));
        ingest(shipper, id, "{\"message\":\"login ana@example.com from 10.0.0.1\"}\n{\"message\":\"GET /cart 200\"}\n");

        for (String path : List.of("/metrics", "/metrics?granularity=minute", "/projection")) {
            Api.Response computed = api.get("/api/v1/scenarios/" + id + path);
            Api.Response cached = api.get("/api/v1/scenarios/" + id + path);
            assertThat(computed.status()).as(computed.toString()).isEqualTo(200);
            assertThat(cached.body()).as(path + " read back from Redis").isEqualTo(computed.body());
        }
        String whatIf = "{\"region\":\"us-east-1\",\"pipeline\":{\"bedrock\":{\"model_id\":\"amazon.nova-lite-v1:0\",\"mode\":\"batch\"}}}";
        Api.Response estimate = api.post("/api/v1/scenarios/" + id + "/estimate", whatIf);
        assertThat(api.post("/api/v1/scenarios/" + id + "/estimate", whatIf).body()).isEqualTo(estimate.body());
        assertThat(redisKeys("mockupaws:cache:scenario-metrics::*")).hasSize(4);
        assertThat(redisKeys("mockupaws:cache:price-book::*")).isNotEmpty();

        ingest(shipper, id, "{\"message\":\"one more\"}\n");
        assertThat(api.get("/api/v1/scenarios/" + id + "/metrics").json().at("/summary/total_requests").asLong()).isEqualTo(3);

        JsonNode admin = adminApi().get("/api/v1/admin/cache").json();
        assertThat(admin.get("backend").asString()).isEqualTo("redis");
        for (JsonNode c : admin.get("caches")) {
            if (c.get("name").asString().equals("scenario-metrics")) {
                assertThat(c.get("size").asLong()).as("entries in Redis").isEqualTo(5);
                assertThat(c.get("max_entries").isNull()).isTrue();
            }
        }
    }

    @Test
    void listPagesFromRedisFollowChangesAndStayWithTheirTenant() {
        TestUser other = newUser("other");
        String mine = createScenario("mine", "us-east-1");
        createScenario(other.api(), "{\"name\":\"theirs\"}");

        Api.Response first = api.get("/api/v2/scenarios?limit=1");
        assertThat(api.get("/api/v2/scenarios?limit=1").body()).isEqualTo(first.body());
        assertThat(first.json().get("items").get(0).get("name").asString()).isEqualTo("mine");
        assertThat(other.api().get("/api/v2/scenarios?limit=1").json().get("items").get(0).get("name").asString())
                .isEqualTo("theirs");
        assertThat(api.get("/api/v1/scenarios").json().get("total").asLong()).isEqualTo(1);

        api.put("/api/v1/scenarios/" + mine, "{\"tags\":[\"cached\"],\"pipeline\":{\"sqs\":{\"queue_type\":\"fifo\"}}}");
        JsonNode changed = api.get("/api/v2/scenarios?limit=1").json().get("items").get(0);
        assertThat(changed.get("tags").toString()).isEqualTo("[\"cached\"]");
        assertThat(changed.at("/pipeline/sqs/queue_type").asString()).isEqualTo("fifo");
        assertThat(redisKeys("mockupaws:cache:scenario-lists::*")).isNotEmpty();
        assertThat(redisKeys("mockupaws:cache:cache-versions::*")).contains("mockupaws:cache:cache-versions::scenarios-of:"
                + owner.id());
    }
}
