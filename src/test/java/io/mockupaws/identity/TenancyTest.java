package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user sees and touches only their own scenarios: every endpoint that names a scenario answers another tenant's
 * id with 404 scenario-not-found (not 403 — whether it exists is not revealed), and changes nothing. One test per
 * endpoint. The owner's scenario {@code theirs} is running and holds events; the {@code intruder} is a normal user
 * with a session and keys of their own.
 */
class TenancyTest extends ApiTest {

    private String theirs;
    private String ownerKey;
    private TestUser intruder;
    private Api intruderKey;
    private String intruderIngestKey;

    @BeforeEach
    void anotherTenantsRunningScenario() {
        theirs = createScenario("theirs", "eu-west-1");
        api.post("/api/v1/scenarios/" + theirs + "/start");
        ownerKey = apiKey(owner, "ingest");
        assertThat(ingest(ownerKey, "/ingest", theirs, "text/plain", "one\ntwo").status()).isEqualTo(200);
        intruder = newUser("intruder");
        intruderKey = anonymous.withApiKey(apiKey(intruder, "scenarios:read", "scenarios:write"));
        intruderIngestKey = apiKey(intruder, "ingest");
    }

    private Api.Response ingest(String key, String path, String scenarioHeader, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(anonymous.uri(path)).header("X-API-Key", key)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (scenarioHeader != null) b.header("X-Scenario-ID", scenarioHeader);
        return anonymous.send(b);
    }

    private void assertNotFound(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("scenario-not-found");
        assertThat(r.body()).doesNotContain("theirs");
    }

    private void assertUntouched(String status) {
        var row = jdbc.sql("SELECT name || '/' || status FROM scenarios WHERE id = :id").param("id", UUID.fromString(theirs))
                .query(String.class).single();
        assertThat(row).isEqualTo("theirs/" + status);
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs WHERE scenario_id = :id").param("id", UUID.fromString(theirs))
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void getV1AndV2() {
        assertNotFound(intruder.api().get("/api/v1/scenarios/" + theirs));
        assertNotFound(intruder.api().get("/api/v2/scenarios/" + theirs));
        assertNotFound(intruderKey.get("/api/v1/scenarios/" + theirs));
        assertThat(api.get("/api/v1/scenarios/" + theirs).status()).isEqualTo(200);
    }

    @Test
    void listsShowOnlyOwnScenarios() {
        String mine = createScenario(intruder.api(), "{\"name\":\"mine\"}");
        for (String path : List.of("/api/v1/scenarios", "/api/v2/scenarios", "/api/v1/scenarios?owner_id=" + owner.id(),
                "/api/v1/scenarios?search=theirs")) {
            String body = intruder.api().get(path).body();
            assertThat(body).as(path).doesNotContain(theirs);
        }
        assertThat(intruder.api().get("/api/v1/scenarios").json().get("total").asLong()).isEqualTo(1);
        assertThat(intruder.api().get("/api/v2/scenarios").json().get("items").get(0).get("id").asString()).isEqualTo(mine);
        assertThat(intruder.api().get("/api/v1/scenarios?owner_id=" + owner.id()).json().get("total").asLong()).isZero();
    }

    @Test
    void update() {
        assertNotFound(intruder.api().put("/api/v1/scenarios/" + theirs, "{\"name\":\"pwned\"}"));
        assertNotFound(intruderKey.put("/api/v2/scenarios/" + theirs, "{\"name\":\"pwned\"}"));
        assertUntouched("running");
    }

    @Test
    void delete() {
        api.post("/api/v1/scenarios/" + theirs + "/stop");
        assertNotFound(intruder.api().delete("/api/v1/scenarios/" + theirs));
        assertNotFound(intruderKey.delete("/api/v2/scenarios/" + theirs));
        assertUntouched("completed");
    }

    @Test
    void start() {
        String draft = createScenario("draft", "us-east-1");
        assertNotFound(intruder.api().post("/api/v1/scenarios/" + draft + "/start"));
        assertNotFound(intruder.api().post("/api/v2/scenarios/" + draft + "/start"));
        assertThat(api.get("/api/v1/scenarios/" + draft).json().get("status").asString()).isEqualTo("draft");
    }

    @Test
    void stop() {
        assertNotFound(intruder.api().post("/api/v1/scenarios/" + theirs + "/stop"));
        assertNotFound(intruderKey.post("/api/v2/scenarios/" + theirs + "/stop"));
        assertUntouched("running");
    }

    @Test
    void archive() {
        api.post("/api/v1/scenarios/" + theirs + "/stop");
        assertNotFound(intruder.api().post("/api/v1/scenarios/" + theirs + "/archive"));
        assertNotFound(intruder.api().post("/api/v2/scenarios/" + theirs + "/archive"));
        assertUntouched("completed");
    }

    @Test
    void storedEvents() {
        assertNotFound(intruder.api().get("/api/v1/scenarios/" + theirs + "/logs"));
        assertNotFound(intruderKey.get("/api/v2/scenarios/" + theirs + "/logs"));
        assertThat(api.get("/api/v1/scenarios/" + theirs + "/logs").json().get("items")).hasSize(2);
    }

    @Test
    void ingestByPath() {
        assertNotFound(ingest(intruderIngestKey, "/api/v1/scenarios/" + theirs + "/ingest", null, "text/plain", "evil"));
        assertUntouched("running");
    }

    @Test
    void ingestByHeader() {
        assertNotFound(ingest(intruderIngestKey, "/ingest", theirs, "application/json", "{\"message\":\"evil\"}"));
        assertUntouched("running");
    }

    @Test
    void elasticsearchBulkByIndexHeaderAndPath() {
        String mine = createScenario(intruder.api(), "{\"name\":\"mine\"}");
        intruder.api().post("/api/v1/scenarios/" + mine + "/start");
        // one document into the intruder's own scenario, one into the owner's: the whole request is refused
        String mixed = """
                {"create":{"_index":"mockupaws-%s"}}
                {"message":"fine"}
                {"create":{"_index":"mockupaws-%s"}}
                {"message":"evil"}
                """.formatted(mine, theirs);
        assertNotFound(ingest(intruderIngestKey, "/ingest/_bulk", null, "application/x-ndjson", mixed));
        assertNotFound(ingest(intruderIngestKey, "/ingest/_bulk", theirs, "application/x-ndjson",
                "{\"index\":{}}\n{\"message\":\"evil\"}\n"));
        assertNotFound(ingest(intruderIngestKey, "/ingest/mockupaws-" + theirs + "/_bulk", null, "application/x-ndjson",
                "{\"index\":{}}\n{\"message\":\"evil\"}\n"));
        assertUntouched("running");
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs WHERE scenario_id = :id").param("id", UUID.fromString(mine))
                .query(Long.class).single()).isZero();
    }

    @Test
    void otlpByResourceAttributeAndHeader() {
        String otlp = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"mockupaws.scenario.id","value":{"stringValue":"%s"}}]},
                  "scopeLogs":[{"logRecords":[{"body":{"stringValue":"evil"}}]}]}]}""".formatted(theirs);
        assertNotFound(ingest(intruderIngestKey, "/v1/logs", null, "application/json", otlp));
        assertNotFound(ingest(intruderIngestKey, "/v1/logs", theirs, "application/json",
                "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"evil\"}}]}]}]}"));
        assertUntouched("running");
    }

    @Test
    void flush() {
        Api.Response r = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/flush")).header("X-API-Key", intruderIngestKey)
                .header("X-Scenario-ID", theirs).POST(HttpRequest.BodyPublishers.noBody()));
        assertNotFound(r);
    }

    @Test
    void anAdminSeesEveryTenantButAnAdminsNarrowKeyDoesNot() {
        TestUser admin = newUser("admin", "admin", "enterprise");
        assertThat(admin.api().get("/api/v1/scenarios/" + theirs).json().get("owner_id").asString()).isEqualTo(owner.id().toString());
        assertThat(admin.api().get("/api/v1/scenarios?owner_id=" + owner.id()).json().get("total").asLong()).isEqualTo(1);
        assertThat(admin.api().get("/api/v1/scenarios/" + theirs + "/logs").status()).isEqualTo(200);
        assertNotFound(anonymous.withApiKey(apiKey(admin, "scenarios:read")).get("/api/v1/scenarios/" + theirs));
        assertThat(anonymous.withApiKey(apiKey(admin, "scenarios:read", "admin")).get("/api/v1/scenarios/" + theirs).status())
                .isEqualTo(200);
        // an admin's ingest key writes into the admin's own scenarios only
        assertNotFound(ingest(apiKey(admin, "ingest", "admin"), "/ingest", theirs, "text/plain", "admin"));
    }

    /** Interleaved with the owner's traffic, every intruding request fails and every owner's request commits. */
    @Test
    void intrudingRequestsAmongTheOwnersTrafficAllFail() throws Exception {
        List<Future<Integer>> owners = new ArrayList<>();
        List<Future<Integer>> intruders = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                owners.add(pool.submit(() -> ingest(ownerKey, "/ingest", theirs, "text/plain", "fine").status()));
                intruders.add(pool.submit(() -> ingest(intruderIngestKey, "/ingest", theirs, "text/plain", "evil").status()));
            }
            for (Future<Integer> f : owners) assertThat(f.get()).isEqualTo(200);
            for (Future<Integer> f : intruders) assertThat(f.get()).isEqualTo(404);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs WHERE scenario_id = :id AND preview = 'evil'")
                .param("id", UUID.fromString(theirs)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs WHERE scenario_id = :id AND preview = 'fine'")
                .param("id", UUID.fromString(theirs)).query(Long.class).single()).isEqualTo(40);
    }
}
