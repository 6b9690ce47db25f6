package io.mockupaws.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/admin/cache shows every cache with its tier and counts; DELETE clears one, audited. Admins only. */
class CacheAdminApiTest extends ApiTest {

    private static Map<String, JsonNode> byName(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonNode> caches = new HashMap<>();
        for (JsonNode c : r.json().get("caches")) caches.put(c.get("name").asString(), c);
        return caches;
    }

    @Test
    void everyCacheWithItsTierAndCounts() {
        Api admin = adminApi();
        createScenario("one", "us-east-1");
        JsonNode before = byName(admin.get("/api/v1/admin/cache")).get("scenario-lists");
        api.get("/api/v1/scenarios");
        api.get("/api/v1/scenarios");

        Api.Response r = admin.get("/api/v1/admin/cache");
        assertThat(r.json().get("backend").asString()).isEqualTo("caffeine");
        Map<String, JsonNode> caches = byName(r);
        assertThat(caches).containsOnlyKeys("scenario-lists", "scenario-metrics", "report-files", "price-book", "cache-versions");
        assertThat(caches.get("scenario-lists").get("tier").asString()).isEqualTo("short");
        assertThat(caches.get("scenario-lists").get("ttl_seconds").asLong()).isEqualTo(300);
        assertThat(caches.get("report-files").get("ttl_seconds").asLong()).isEqualTo(3600);
        assertThat(caches.get("price-book").get("ttl_seconds").asLong()).isEqualTo(86_400);
        JsonNode lists = caches.get("scenario-lists");
        // counts are this instance's since it started: the two lists add one miss and one hit
        long hits = lists.get("hits").asLong();
        long misses = lists.get("misses").asLong();
        assertThat(hits).isEqualTo(before.get("hits").asLong() + 1);
        assertThat(misses).isEqualTo(before.get("misses").asLong() + 1);
        assertThat(lists.get("hit_ratio").asDouble()).isCloseTo((double) hits / (hits + misses), org.assertj.core.data.Offset.offset(0.0001));
        assertThat(lists.get("size").asLong()).isEqualTo(1);
        assertThat(lists.get("max_entries").asLong()).isEqualTo(2000);
        assertThat(lists.get("evictions").asLong()).isNotNegative();
    }

    @Test
    void clearingACacheEmptiesItAndIsAudited() {
        TestUser admin = newUser("admin", "admin", "enterprise");
        createScenario("one", "us-east-1");
        api.get("/api/v1/scenarios");
        assertThat(byName(admin.api().get("/api/v1/admin/cache")).get("scenario-lists").get("size").asLong()).isEqualTo(1);

        Api.Response cleared = admin.api().delete("/api/v1/admin/cache/scenario-lists");

        assertThat(cleared.status()).isEqualTo(204);
        Map<String, JsonNode> after = byName(admin.api().get("/api/v1/admin/cache"));
        assertThat(after.get("scenario-lists").get("size").asLong()).isZero();
        long misses = after.get("scenario-lists").get("misses").asLong();
        api.get("/api/v1/scenarios");
        assertThat(byName(admin.api().get("/api/v1/admin/cache")).get("scenario-lists").get("misses").asLong())
                .isEqualTo(misses + 1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log WHERE actor_user_id = :u AND action = 'cache.cleared'
                          AND resource_type = 'cache' AND resource_id = 'scenario-lists' AND outcome = 'success'""")
                .param("u", admin.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownCacheIs404AndUsersMayNotLook() {
        Api.Response unknown = adminApi().delete("/api/v1/admin/cache/no-such-cache");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.code()).isEqualTo("cache-not-found");
        assertThat(unknown.json().get("detail").asString()).contains("scenario-lists");

        assertThat(api.get("/api/v1/admin/cache").status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/admin/cache/scenario-lists").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/admin/cache").status()).isEqualTo(401);
        assertThat(anonymous.delete("/api/v1/admin/cache/scenario-lists").status()).isEqualTo(401);
    }
}
