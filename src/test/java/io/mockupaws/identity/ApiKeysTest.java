package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API keys: shown once, stored as a digest, scoped, revocable, rotatable, and only their owner's. */
class ApiKeysTest extends ApiTest {

    private JsonNode create(String body) {
        Api.Response r = api.post("/api/v1/api-keys", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void theSecretIsShownOnceAndOnlyItsDigestIsStored() {
        JsonNode created = create("{\"name\":\"fluent-bit prod\",\"scopes\":[\"ingest\",\"scenarios:read\"]}");
        String key = created.get("key").asString();

        assertThat(key).matches("mk_[0-9A-Za-z]{43}");
        assertThat(created.get("prefix").asString()).isEqualTo(key.substring(0, 11));
        JsonNode listed = api.get("/api/v1/api-keys").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(listed.get(0).get("status").asString()).isEqualTo("active");
        assertThat(listed.toString()).doesNotContain(key.substring(11));
        String stored = jdbc.sql("SELECT concat_ws('|', name, prefix, encode(key_hash, 'hex'), scopes::text) FROM api_keys")
                .query(String.class).single();
        assertThat(stored).doesNotContain(key.substring(11)).contains(java.util.HexFormat.of().formatHex(sha256(key)));
    }

    @Test
    void everyWayShippersSendTheKeyIsAccepted() {
        String key = create("{\"name\":\"reader\",\"scopes\":[\"scenarios:read\"]}").get("key").asString();
        String basic = Base64.getEncoder().encodeToString(("anyone:" + key).getBytes(StandardCharsets.UTF_8));
        String esApiKey = Base64.getEncoder().encodeToString(("key-id:" + key).getBytes(StandardCharsets.UTF_8));

        for (Api client : new Api[] {
                anonymous.withApiKey(key),
                anonymous.withHeader("Authorization", "Bearer " + key),
                anonymous.withHeader("Authorization", "ApiKey " + key),
                anonymous.withHeader("Authorization", "ApiKey " + esApiKey),
                anonymous.withHeader("Authorization", "Basic " + basic)}) {
            Api.Response r = client.get("/api/v1/scenarios");
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
        Api.Response basicWithPassword = anonymous.withHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("owner:a-password".getBytes(StandardCharsets.UTF_8))).get("/api/v1/scenarios");
        assertThat(basicWithPassword.code()).isEqualTo("invalid-api-key");
    }

    @Test
    void aKeyCanDoOnlyWhatItsScopesSay() {
        Api reader = anonymous.withApiKey(create("{\"name\":\"r\",\"scopes\":[\"scenarios:read\"]}").get("key").asString());
        Api writer = anonymous.withApiKey(create("{\"name\":\"w\",\"scopes\":[\"scenarios:write\"]}").get("key").asString());
        Api shipper = anonymous.withApiKey(create("{\"name\":\"s\",\"scopes\":[\"ingest\"]}").get("key").asString());

        Api.Response denied = reader.post("/api/v1/scenarios", "{\"name\":\"x\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        assertThat(denied.code()).isEqualTo("insufficient-scope");
        assertThat(denied.json().get("required_scope").asString()).isEqualTo("scenarios:write");
        assertThat(writer.get("/api/v1/scenarios").json().get("required_scope").asString()).isEqualTo("scenarios:read");
        assertThat(writer.post("/api/v1/scenarios", "{\"name\":\"x\"}").status()).isEqualTo(201);
        assertThat(shipper.get("/api/v1/scenarios").json().get("required_scope").asString()).isEqualTo("scenarios:read");
        assertThat(reader.post("/ingest", "{}").json().get("required_scope").asString()).isEqualTo("ingest");
        assertThat(reader.get("/api/v1/audit").json().get("required_scope").asString()).isEqualTo("admin");
        // a session token is not an ingest credential
        assertThat(api.post("/ingest", "{}").code()).isEqualTo("api-key-required");
        // keys do not manage keys
        assertThat(writer.post("/api/v1/api-keys", "{\"name\":\"n\",\"scopes\":[\"ingest\"]}").code()).isEqualTo("session-required");
    }

    @Test
    void revokedAndExpiredKeysAre401() throws InterruptedException {
        JsonNode created = create("{\"name\":\"short-lived\",\"scopes\":[\"scenarios:read\"]}");
        Api client = anonymous.withApiKey(created.get("key").asString());
        assertThat(client.get("/api/v1/scenarios").status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/api-keys/" + created.get("id").asString()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/api-keys/" + created.get("id").asString()).status()).isEqualTo(204);

        Api.Response revoked = client.get("/api/v1/scenarios");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.code()).isEqualTo("invalid-api-key");
        assertThat(api.get("/api/v1/api-keys").json().get(0).get("status").asString()).isEqualTo("revoked");

        // expiry is exact even while the key's row is remembered: the expiry time is compared with the clock each time
        JsonNode expiring = create("{\"name\":\"expiring\",\"scopes\":[\"scenarios:read\"],\"expires_at\":\""
                + Instant.now().plus(Duration.ofSeconds(2)) + "\"}");
        Api soon = anonymous.withApiKey(expiring.get("key").asString());
        assertThat(soon.get("/api/v1/scenarios").status()).isEqualTo(200);
        Instant expiresAt = Instant.parse(expiring.get("expires_at").asString());
        while (!Instant.now().isAfter(expiresAt)) Thread.sleep(50);
        assertThat(soon.get("/api/v1/scenarios").code()).isEqualTo("invalid-api-key");
        assertThat(api.post("/api/v1/api-keys/" + expiring.get("id").asString() + "/rotate").code()).isEqualTo("api-key-not-active");
    }

    @Test
    void aChangeMadeOutsideThisServerTakesEffectWithinTheRememberedTime() throws InterruptedException {
        JsonNode created = create("{\"name\":\"elsewhere\",\"scopes\":[\"scenarios:read\"]}");
        Api client = anonymous.withApiKey(created.get("key").asString());
        assertThat(client.get("/api/v1/scenarios").status()).isEqualTo(200);

        // as another instance, the command line or an operator's SQL would: this server is not told
        jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE id = :id").param("id", UUID.fromString(created.get("id").asString())).update();
        long changed = System.nanoTime();

        Api.Response r = client.get("/api/v1/scenarios");
        while (r.status() == 200 && System.nanoTime() - changed < VerifiedKeys.TTL.plusSeconds(5).toNanos()) {
            Thread.sleep(100);
            r = client.get("/api/v1/scenarios");
        }
        long tookMillis = (System.nanoTime() - changed) / 1_000_000;
        assertThat(r.code()).isEqualTo("invalid-api-key");
        // the documented bound (plus the time one request takes)
        assertThat(tookMillis).isLessThanOrEqualTo(VerifiedKeys.TTL.toMillis() + 1_000);
    }

    @Test
    void rotationGivesANewSecretAndKillsTheOldOne() {
        JsonNode created = create("{\"name\":\"logstash\",\"scopes\":[\"scenarios:read\"],\"events_per_second\":500}");
        String old = created.get("key").asString();
        assertThat(anonymous.withApiKey(old).get("/api/v1/scenarios").status()).isEqualTo(200); // its row is now remembered

        Api.Response rotated = api.post("/api/v1/api-keys/" + created.get("id").asString() + "/rotate");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = rotated.json().get("key").asString();
        assertThat(fresh).isNotEqualTo(old).matches("mk_[0-9A-Za-z]{43}");
        assertThat(rotated.json().get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(rotated.json().get("events_per_second").asInt()).isEqualTo(500);
        assertThat(anonymous.withApiKey(old).get("/api/v1/scenarios").code()).isEqualTo("invalid-api-key");
        assertThat(anonymous.withApiKey(fresh).get("/api/v1/scenarios").status()).isEqualTo(200);
    }

    @Test
    void creationValidatesEveryField() {
        String[][] cases = {
                {"{\"scopes\":[\"ingest\"]}", "name"},
                {"{\"name\":\"" + "n".repeat(101) + "\",\"scopes\":[\"ingest\"]}", "name"},
                {"{\"name\":\"tab\\there\",\"scopes\":[\"ingest\"]}", "name"},
                {"{\"name\":\"k\"}", "scopes"},
                {"{\"name\":\"k\",\"scopes\":[]}", "scopes"},
                {"{\"name\":\"k\",\"scopes\":[\"root\"]}", "scopes[0]"},
                {"{\"name\":\"k\",\"scopes\":[\"ingest\"],\"expires_at\":\"2001-01-01T00:00:00Z\"}", "expires_at"},
                {"{\"name\":\"k\",\"scopes\":[\"ingest\"],\"expires_at\":\"tomorrow\"}", "expires_at"},
                {"{\"name\":\"k\",\"scopes\":[\"ingest\"],\"events_per_second\":0}", "events_per_second"},
                {"{\"name\":\"k\",\"scopes\":[\"ingest\"],\"events_per_second\":1000001}", "events_per_second"},
                {"{\"name\":\"k\",\"scopes\":[\"ingest\"],\"owner\":\"me\"}", "owner"}};
        // key management allows 10 requests a minute per user: spread the cases over a few users
        Api client = api;
        for (int i = 0; i < cases.length; i++) {
            String[] c = cases[i];
            if (i > 0 && i % 8 == 0) client = newUser("more").api();
            Api.Response r = client.post("/api/v1/api-keys", c[0]);
            assertThat(r.status()).as(c[0] + " → " + r).isEqualTo(422);
            assertThat(r.json().at("/errors/0/field").asString()).as(c[0]).isEqualTo(c[1]);
        }
        Api.Response admin = api.post("/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"admin\"]}");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.code()).isEqualTo("scope-not-allowed");
        assertThat(api.get("/api/v1/api-keys").json()).isEmpty();
    }

    @Test
    void anotherUsersKeyIsNotFoundAndStaysAlive() {
        TestUser other = newUser("other");
        Api.Response theirs = other.api().post("/api/v1/api-keys", "{\"name\":\"theirs\",\"scopes\":[\"scenarios:read\"]}");
        String id = theirs.json().get("id").asString();

        assertThat(api.delete("/api/v1/api-keys/" + id).code()).isEqualTo("api-key-not-found");
        assertThat(api.post("/api/v1/api-keys/" + id + "/rotate").code()).isEqualTo("api-key-not-found");
        assertThat(api.get("/api/v1/api-keys").json()).isEmpty();
        assertThat(anonymous.withApiKey(theirs.json().get("key").asString()).get("/api/v1/scenarios").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/api-keys/not-a-uuid").status()).isEqualTo(400);
    }

    @Test
    void anAdminScopedKeyLosesItsPowerWhenItsOwnerIsDemoted() {
        TestUser admin = newUser("admin", "admin", "enterprise");
        String key = admin.api().post("/api/v1/api-keys", "{\"name\":\"ops\",\"scopes\":[\"admin\",\"scenarios:read\"]}")
                .json().get("key").asString();
        assertThat(anonymous.withApiKey(key).get("/api/v1/audit").status()).isEqualTo(200);

        Api.Response demoted = adminApi().patch("/api/v1/admin/users/" + admin.id(), "{\"role\":\"user\"}");
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);

        // at once, though the key's row was remembered a moment ago
        assertThat(anonymous.withApiKey(key).get("/api/v1/audit").code()).isEqualTo("insufficient-scope");
    }

    @Test
    void lastUseIsRecordedWithoutAWritePerRequest() throws Exception {
        JsonNode created = create("{\"name\":\"used\",\"scopes\":[\"scenarios:read\"]}");
        Api client = anonymous.withApiKey(created.get("key").asString());
        UUID id = UUID.fromString(created.get("id").asString());
        for (int i = 0; i < 5; i++) client.get("/api/v1/scenarios");

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (api.get("/api/v1/api-keys").json().get(0).get("last_used_at").isNull() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Instant first = jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", id)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(first).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(Duration.ofSeconds(15)));
        for (int i = 0; i < 5; i++) client.get("/api/v1/scenarios");
        Thread.sleep(300);
        // within the minute, use is not written again
        assertThat(jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", id)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(first);
    }
}
