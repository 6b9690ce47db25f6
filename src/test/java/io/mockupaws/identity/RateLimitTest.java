package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The limits as configured by default: authentication 5/min per IP and per account, API-key management 10/min per
 * user, the general API by tier (free 100/min), ingest only by a key's own events/s. A refusal is a 429 problem
 * with Retry-After; every limited response carries RateLimit-Limit, -Remaining and -Reset.
 */
class RateLimitTest extends ApiTest {

    private Api.Response login(String ip, String email) {
        return anonymous.withHeader("X-Forwarded-For", ip)
                .post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong-password-123\"}");
    }

    private static void assertLimited(Api.Response r, long limit) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(r.header("RateLimit-Limit")).isEqualTo(Long.toString(limit));
        // fewer tokens than the request needs: 0 for a single request, possibly more for a batch of events
        assertThat(Long.parseLong(r.header("RateLimit-Remaining"))).isLessThan(limit);
        assertThat(Long.parseLong(r.header("RateLimit-Reset"))).isBetween(1L, 60L);
    }

    @Test
    void theSixthLoginAttemptFromOneAddressWithinAMinuteIs429() {
        for (int i = 0; i < 5; i++) {
            Api.Response r = login("203.0.113.7", "user" + i + "@example.com");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(r.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
        }
        assertLimited(login("203.0.113.7", "user5@example.com"), 5);
        // another address is not affected
        assertThat(login("203.0.113.8", "user6@example.com").status()).isEqualTo(401);
    }

    @Test
    void theSixthLoginAttemptOnOneAccountWithinAMinuteIs429FromAnyAddress() {
        for (int i = 0; i < 5; i++) assertThat(login("198.51.100." + i, "target@example.com").status()).isEqualTo(401);
        assertLimited(login("198.51.100.99", "TARGET@example.com"), 5);
        // checked before any password: the correct one does not get through either
        assertThat(login("198.51.100.98", "target@example.com").status()).isEqualTo(429);
    }

    @Test
    void theOtherAuthenticationEndpointsAreLimitedToo() {
        for (String path : new String[] {"/api/v1/auth/register", "/api/v1/auth/refresh", "/api/v1/auth/forgot-password",
                "/api/v1/auth/reset-password"}) {
            Api from = anonymous.withHeader("X-Forwarded-For", "192.0.2.77");
            for (int i = 0; i < 5; i++) assertThat(from.post(path, "{}").status()).as(path).isNotEqualTo(429);
            assertLimited(from.post(path, "{}"), 5);
        }
    }

    @Test
    void theFreeTierAllowsAHundredRequestsAMinuteAndAnAdminCanRaiseIt() {
        TestUser free = newUser("free", "user", "free");
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            Api.Response r = free.api().get("/api/v1/scenarios");
            assertThat(r.status()).as("request " + (i + 1)).isEqualTo(200);
            assertThat(r.header("RateLimit-Limit")).isEqualTo("100");
        }
        // The bucket refills smoothly (one request every 0.6 s), so while the hundred ran a few came back:
        // the refusal comes after at most one extra request per 0.6 s elapsed.
        Api.Response refused;
        int extra = 0;
        while ((refused = free.api().get("/api/v1/scenarios")).status() == 200) extra++;
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(extra).isLessThanOrEqualTo((int) (elapsedMs / 600) + 1);
        assertLimited(refused, 100);
        assertThat(refused.json().get("detail").asString()).contains("free tier");
        // sessions and keys of one user share the user's bucket
        // (refused, or given the one token that refilled meanwhile — never a fresh bucket of 100)
        Api.Response viaKey = anonymous.withApiKey(apiKey(free, "scenarios:read")).get("/api/v1/scenarios");
        assertThat(viaKey.status() == 429 || "0".equals(viaKey.header("RateLimit-Remaining"))).as(viaKey.toString()).isTrue();

        TestUser admin = newUser("admin", "admin", "enterprise");
        Api.Response upgrade = admin.api().patch("/api/v1/admin/users/" + free.id(), "{\"tier\":\"premium\"}");
        assertThat(upgrade.status()).as(upgrade.toString()).isEqualTo(200);
        assertThat(upgrade.json().get("tier").asString()).isEqualTo("premium");

        Api.Response after = free.api().get("/api/v1/scenarios");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("RateLimit-Limit")).isEqualTo("1000");
        assertThat(admin.api().patch("/api/v1/admin/users/" + free.id(), "{\"tier\":\"gold\"}").status()).isEqualTo(422);
    }

    @Test
    void apiKeyManagementAllowsTenRequestsAMinute() {
        for (int i = 0; i < 10; i++) {
            Api.Response r = api.get("/api/v1/api-keys");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("RateLimit-Limit")).isEqualTo("10");
        }
        assertLimited(api.post("/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"ingest\"]}"), 10);
        assertThat(api.get("/api/v1/scenarios").status()).isEqualTo(200); // the tier bucket is another one
    }

    @Test
    void ingestIsNotLimitedByTier() {
        TestUser free = newUser("shipper", "user", "free");
        String scenario = createScenario(free.api(), "{\"name\":\"busy\"}");
        free.api().post("/api/v1/scenarios/" + scenario + "/start");
        String key = apiKey(free, "ingest");
        for (int i = 0; i < 130; i++) {
            Api.Response r = ingest(key, scenario, "line " + i);
            assertThat(r.status()).as("request " + (i + 1)).isEqualTo(200);
            assertThat(r.header("RateLimit-Limit")).isNull();
        }
    }

    @Test
    void aKeysEventsPerSecondLimitHoldsTenSecondsOfEvents() {
        String scenario = createScenario("limited", "us-east-1");
        api.post("/api/v1/scenarios/" + scenario + "/start");
        String key = apiKey(owner, 5, "ingest"); // 5 events/s: a bucket of 50 events

        Api.Response first = ingest(key, scenario, "e\n".repeat(40));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("50");
        assertThat(Long.parseLong(first.header("RateLimit-Remaining"))).isBetween(10L, 12L);

        Api.Response over = ingest(key, scenario, "e\n".repeat(20));
        assertLimited(over, 50);
        assertThat(over.json().get("events_per_second").asInt()).isEqualTo(5);
        Api.Response tooBig = ingest(apiKey(owner, 5, "ingest"), scenario, "e\n".repeat(51));
        assertThat(tooBig.status()).isEqualTo(429);
        assertThat(tooBig.json().get("detail").asString()).contains("larger than this API key allows at once");
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs").query(Long.class).single()).isEqualTo(40);
    }

    private Api.Response ingest(String key, String scenario, String lines) {
        return anonymous.send(HttpRequest.newBuilder(anonymous.uri("/ingest")).header("X-API-Key", key)
                .header("X-Scenario-ID", scenario).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(lines, StandardCharsets.UTF_8)));
    }
}
