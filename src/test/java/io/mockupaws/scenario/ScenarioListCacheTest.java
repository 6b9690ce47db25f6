package io.mockupaws.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.platform.cache.CacheStatistics;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scenario list pages are cached per tenant (5-minute tier), and every change is in the next list at once, in both
 * API versions; one tenant's cached page is never another's.
 */
class ScenarioListCacheTest extends ApiTest {

    private static List<String> names(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode s : r.json().get("items")) names.add(s.get("name").asString() + ":" + s.get("status").asString());
        return names;
    }

    private long hits() {
        return caches.statistics().stream().filter(s -> s.name().equals("scenario-lists")).mapToLong(CacheStatistics::hits)
                .sum();
    }

    @Test
    void everyChangeIsInTheNextListAtOnce() {
        assertThat(names(api.get("/api/v1/scenarios"))).isEmpty();
        String id = createScenario("alpha", "us-east-1");
        assertThat(names(api.get("/api/v1/scenarios"))).containsExactly("alpha:draft");
        assertThat(names(api.get("/api/v2/scenarios"))).containsExactly("alpha:draft");
        long hits = hits();
        assertThat(names(api.get("/api/v1/scenarios"))).containsExactly("alpha:draft");
        assertThat(hits()).as("an unchanged list is the cached page").isEqualTo(hits + 1);

        assertThat(api.put("/api/v1/scenarios/" + id, "{\"name\":\"beta\"}").status()).isEqualTo(200);
        assertThat(names(api.get("/api/v1/scenarios"))).containsExactly("beta:draft");
        assertThat(names(api.get("/api/v2/scenarios"))).containsExactly("beta:draft");

        api.post("/api/v1/scenarios/" + id + "/start");
        assertThat(names(api.get("/api/v1/scenarios?status=running"))).containsExactly("beta:running");
        api.post("/api/v1/scenarios/" + id + "/stop");
        assertThat(names(api.get("/api/v1/scenarios?status=running"))).isEmpty();
        assertThat(names(api.get("/api/v2/scenarios"))).containsExactly("beta:completed");

        String second = createScenario("gamma", "eu-west-1");
        assertThat(api.get("/api/v1/scenarios").json().get("total").asLong()).isEqualTo(2);
        assertThat(api.delete("/api/v1/scenarios/" + second).status()).isEqualTo(204);
        assertThat(names(api.get("/api/v1/scenarios"))).containsExactly("beta:completed");
        assertThat(api.get("/api/v1/scenarios").json().get("total").asLong()).isEqualTo(1);

        api.post("/api/v1/scenarios/" + id + "/archive");
        assertThat(names(api.get("/api/v2/scenarios"))).containsExactly("beta:archived");
    }

    @Test
    void aRefusedChangeLeavesTheCachedPageValid() {
        String id = createScenario("frozen", "us-east-1");
        assertThat(names(api.get("/api/v1/scenarios"))).containsExactly("frozen:draft");
        assertThat(api.post("/api/v1/scenarios/" + id + "/stop").status()).isEqualTo(409);
        long hits = hits();
        assertThat(names(api.get("/api/v1/scenarios"))).containsExactly("frozen:draft");
        assertThat(hits()).isEqualTo(hits + 1);
    }

    @Test
    void tenantsNeverSeeEachOthersCachedPages() {
        TestUser b = newUser("b");
        Api admin = adminApi();
        createScenario("a-1", "us-east-1");
        createScenario("a-2", "us-east-1");
        createScenario(b.api(), "{\"name\":\"b-1\"}");

        String query = "/api/v1/scenarios?sort_by=name&sort_order=asc";
        assertThat(names(api.get(query))).containsExactly("a-1:draft", "a-2:draft");
        assertThat(names(b.api().get(query))).as("the same query, another tenant").containsExactly("b-1:draft");
        assertThat(names(api.get(query))).containsExactly("a-1:draft", "a-2:draft");
        assertThat(names(b.api().get(query.replace("v1", "v2")))).containsExactly("b-1:draft");
        assertThat(names(api.get(query.replace("v1", "v2")))).containsExactly("a-1:draft", "a-2:draft");
        assertThat(names(admin.get(query))).containsExactly("a-1:draft", "a-2:draft", "b-1:draft");
        assertThat(names(admin.get(query + "&owner_id=" + b.id()))).containsExactly("b-1:draft");

        createScenario("a-3", "us-east-1");

        assertThat(names(api.get(query))).containsExactly("a-1:draft", "a-2:draft", "a-3:draft");
        assertThat(names(b.api().get(query))).containsExactly("b-1:draft");
        assertThat(names(admin.get(query))).as("an administrator's view of every tenant changes too")
                .containsExactly("a-1:draft", "a-2:draft", "a-3:draft", "b-1:draft");

        // an administrator changing a user's scenario changes that user's list
        String b1 = b.api().get(query).json().get("items").get(0).get("id").asString();
        assertThat(admin.put("/api/v1/scenarios/" + b1, "{\"name\":\"b-renamed\"}").status()).isEqualTo(200);
        assertThat(names(b.api().get(query))).containsExactly("b-renamed:draft");
    }

    @Test
    void aSearchForADashIsNotTheUnfilteredPage() {
        createScenario("plain", "us-east-1");
        createScenario("with-dash", "us-east-1");
        assertThat(names(api.get("/api/v1/scenarios?sort_by=name"))).hasSize(2);
        assertThat(names(api.get("/api/v1/scenarios?sort_by=name&search=-"))).containsExactly("with-dash:draft");
    }
}
