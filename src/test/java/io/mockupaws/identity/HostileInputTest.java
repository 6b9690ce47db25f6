package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * SQL injection, oversized values and NUL characters in every string field of every endpoint that takes one:
 * each is a 4xx (or, where the text is legitimate, stored as plain text) — never a 500, never a stack trace —
 * and the database is intact afterwards.
 */
class HostileInputTest extends ApiTest {

    private static final List<String> HOSTILE = List.of(
            "' OR '1'='1",
            "'; DROP TABLE users; --",
            "\\\" OR 1=1 --",
            "x".repeat(100_000),
            "nul\\u0000byte",
            "😀".repeat(300));

    /** Sends {@code template} with each hostile value in place of {@code %s}; no answer may be a 5xx. */
    private void assertSafe(String what, Function<String, Api.Response> send) {
        for (String value : HOSTILE) {
            Api.Response r = send.apply(value);
            String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            assertThat(r.status()).as(what + " with " + shown + " → " + r.toString().substring(0, Math.min(300, r.toString().length())))
                    .isBetween(200, 499);
            if (r.status() >= 400) {
                assertThat(r.contentType()).as(what).startsWith("application/problem+json");
                assertThat(r.body()).as(what).doesNotContain("Exception", "at io.", "at org.");
            }
        }
    }

    private static String ascii(String value) {
        return value.replace("\\u0000", "").replaceAll("[^\\x20-\\x7e]", "x");
    }

    private static String json(String template, String value) {
        return template.replace("%s", value.replace("\\\"", "\\\\\\\""));
    }

    @Test
    void authenticationFields() {
        Api from = anonymous;
        int[] ip = {0};
        Function<String, Api> client = v -> from.withHeader("X-Forwarded-For", "192.0.2." + (++ip[0] % 250));
        assertSafe("register email", v -> client.apply(v).post("/api/v1/auth/register",
                json("{\"email\":\"%s\",\"password\":\"a-fine-passphrase\"}", v)));
        assertSafe("register password", v -> client.apply(v).post("/api/v1/auth/register",
                json("{\"email\":\"h" + ip[0] + "@example.com\",\"password\":\"%s\"}", v)));
        assertSafe("register full_name", v -> client.apply(v).post("/api/v1/auth/register",
                json("{\"email\":\"n" + ip[0] + "@example.com\",\"password\":\"a-fine-passphrase\",\"full_name\":\"%s\"}", v)));
        assertSafe("login email", v -> client.apply(v).post("/api/v1/auth/login", json("{\"email\":\"%s\",\"password\":\"x\"}", v)));
        assertSafe("login password", v -> client.apply(v).post("/api/v1/auth/login",
                json("{\"email\":\"l" + ip[0] + "@example.com\",\"password\":\"%s\"}", v)));
        assertSafe("refresh token", v -> client.apply(v).post("/api/v1/auth/refresh", json("{\"refresh_token\":\"%s\"}", v)));
        assertSafe("forgot email", v -> client.apply(v).post("/api/v1/auth/forgot-password", json("{\"email\":\"%s\"}", v)));
        assertSafe("reset token", v -> client.apply(v).post("/api/v1/auth/reset-password",
                json("{\"token\":\"%s\",\"new_password\":\"a-fine-passphrase\"}", v)));
        assertSafe("reset new_password", v -> client.apply(v).post("/api/v1/auth/reset-password",
                json("{\"token\":\"pr_x\",\"new_password\":\"%s\"}", v)));
        // (headers carry ASCII only: the HTTP client refuses anything else)
        assertSafe("bearer token", v -> anonymous.withHeader("Authorization", "Bearer " + ascii(v)).get("/api/v1/scenarios"));
        assertSafe("api key", v -> anonymous.withHeader("X-API-Key", ascii(v)).get("/api/v1/scenarios"));
        assertThat(jdbc.sql("SELECT count(*) FROM users").query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void signedInFields() {
        Api[] client = {api};
        int[] n = {0};
        // key management allows ten requests a minute per user: a fresh user every eight
        Function<String, Api> keys = v -> (++n[0] % 8 == 0) ? (client[0] = newUser("k").api()) : client[0];
        assertSafe("change-password current", v -> newUser("c").api().post("/api/v1/auth/change-password",
                json("{\"current_password\":\"%s\",\"new_password\":\"a-fine-passphrase\"}", v)));
        assertSafe("change-password new", v -> newUser("c").api().post("/api/v1/auth/change-password",
                json("{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"%s\"}", v)));
        assertSafe("logout refresh_token", v -> newUser("o").api().post("/api/v1/auth/logout", json("{\"refresh_token\":\"%s\"}", v)));
        assertSafe("api key name", v -> keys.apply(v).post("/api/v1/api-keys", json("{\"name\":\"%s\",\"scopes\":[\"ingest\"]}", v)));
        assertSafe("api key scope", v -> keys.apply(v).post("/api/v1/api-keys", json("{\"name\":\"k\",\"scopes\":[\"%s\"]}", v)));
        assertSafe("api key expires_at", v -> keys.apply(v).post("/api/v1/api-keys",
                json("{\"name\":\"k\",\"scopes\":[\"ingest\"],\"expires_at\":\"%s\"}", v)));
        assertSafe("scenario name", v -> api.post("/api/v1/scenarios", json("{\"name\":\"%s\"}", v)));
        assertSafe("scenario description", v -> api.post("/api/v1/scenarios", json("{\"name\":\"n\",\"description\":\"%s\"}", v)));
        assertSafe("scenario tag", v -> api.post("/api/v1/scenarios", json("{\"name\":\"n\",\"tags\":[\"%s\"]}", v)));
        assertSafe("scenario region", v -> api.post("/api/v1/scenarios", json("{\"name\":\"n\",\"region\":\"%s\"}", v)));
        assertSafe("scenario model", v -> api.post("/api/v1/scenarios",
                json("{\"name\":\"n\",\"pipeline\":{\"bedrock\":{\"model_id\":\"%s\"}}}", v)));
        String id = createScenario("target", "us-east-1");
        assertSafe("scenario update name", v -> api.put("/api/v1/scenarios/" + id, json("{\"name\":\"%s\"}", v)));
        Api admin = newUser("admin", "admin", "enterprise").api();
        assertSafe("admin tier", v -> admin.patch("/api/v1/admin/users/" + owner.id(), json("{\"tier\":\"%s\"}", v)));
        assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(200);
    }

    @Test
    void queryParametersAndHeaders() {
        Api admin = newUser("admin", "admin", "enterprise").api();
        String scenario = createScenario("target", "us-east-1");
        api.post("/api/v1/scenarios/" + scenario + "/start");
        String key = apiKey(owner, "ingest");
        for (String value : List.of("%27%20OR%20%271%27%3D%271", "%27%3B%20DROP%20TABLE%20users%3B--", "x".repeat(5000), "%00")) {
            for (String path : List.of("/api/v1/scenarios?search=", "/api/v1/scenarios?tag=", "/api/v1/scenarios?status=",
                    "/api/v1/scenarios?owner_id=", "/api/v2/scenarios?cursor=", "/api/v1/scenarios?sort_by=",
                    "/api/v1/scenarios/" + scenario + "/logs?source=", "/api/v1/scenarios/" + scenario + "/logs?cursor=")) {
                Api.Response r = api.get(path + value);
                assertThat(r.status()).as(path + value).isBetween(200, 499);
            }
            for (String path : List.of("/api/v1/audit?action=", "/api/v1/audit?resource_id=", "/api/v2/audit?cursor=",
                    "/api/v1/admin/users?email=")) {
                assertThat(admin.get(path + value).status()).as(path + value).isBetween(200, 499);
            }
        }
        for (String header : List.of("' OR 1=1 --", "x".repeat(4000))) {
            Api shipper = anonymous.withApiKey(key);
            assertThat(shipper.withHeader("X-Scenario-ID", header).post("/ingest", "{\"message\":\"m\"}").status()).isEqualTo(400);
            assertThat(shipper.withHeader("X-Scenario-ID", scenario).withHeader("X-Source", header)
                    .post("/ingest", "{\"message\":\"m\"}").status()).isEqualTo(200);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM scenarios").query(Long.class).single()).isEqualTo(1);
    }
}
