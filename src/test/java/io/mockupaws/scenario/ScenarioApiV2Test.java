package io.mockupaws.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** API v2 serves the scenarios of v1; its list walks the same filters and orders with a cursor instead of pages. */
class ScenarioApiV2Test extends ApiTest {

    @BeforeEach
    void scenarios() {
        String[] names = {"alpha", "Beta", "gamma", "Delta", "epsilon", "Zeta", "eta", "theta", "Iota", "kappa",
                "lambda", "Mu", "nu", "xi", "Omicron", "pi", "rho", "sigma", "Tau", "upsilon", "alpha", "ALPHA"};
        for (int i = 0; i < names.length; i++) {
            String id = createScenario("{\"name\":\"" + names[i] + "\",\"region\":\"" + (i % 3 == 0 ? "eu-west-1" : "us-east-1")
                    + "\",\"tags\":[\"" + (i % 2 == 0 ? "even" : "odd") + "\"]}");
            if (i % 4 == 1) api.post("/api/v1/scenarios/" + id + "/start");
            // some share a creation time, so the id tie-breaker matters
            jdbc.sql("UPDATE scenarios SET created_at = TIMESTAMPTZ '2026-01-01 00:00:00+00' + make_interval(secs => :s) WHERE id = :id")
                    .param("s", (i / 3) * 1.5).param("id", UUID.fromString(id)).update();
        }
        createScenario(newUser("someone-else").api(), "{\"name\":\"not mine\"}");
    }

    private List<String> v1(String query) {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/scenarios?page_size=100&" + query).json().get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    private List<String> v2(String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response r = api.get("/api/v2/scenarios?limit=" + limit + "&" + query + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            JsonNode page = r.json();
            assertThat(page.get("limit").asInt()).isEqualTo(limit);
            page.get("items").forEach(i -> ids.add(i.get("id").asString()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
            assertThat(++pages).isLessThan(50);
        } while (cursor != null);
        return ids;
    }

    @Test
    void everyOrderAndFilterWalksTheSameScenariosAsV1() {
        for (String query : List.of("", "sort_by=created_at&sort_order=asc", "sort_by=name&sort_order=asc",
                "sort_by=name&sort_order=desc", "sort_by=status&sort_order=asc", "sort_by=updated_at&sort_order=desc",
                "tag=even&sort_by=name", "region=eu-west-1", "status=running&sort_by=name&sort_order=asc", "search=alpha")) {
            List<String> expected = v1(query);
            assertThat(v2(query, 4)).as(query).isEqualTo(expected);
            assertThat(v2(query, 100)).as(query).isEqualTo(expected);
        }
        assertThat(v1("")).hasSize(22);
    }

    @Test
    void aCursorIsBoundToItsOrder() {
        String cursor = api.get("/api/v2/scenarios?limit=2&sort_by=name").json().get("next_cursor").asString();
        Api.Response other = api.get("/api/v2/scenarios?limit=2&sort_by=created_at&cursor=" + cursor);
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.code()).isEqualTo("invalid-cursor");
        for (String bad : List.of("garbage", "Zm9v", "bmFtZTphc2M6eDpub3QtYS11dWlk")) {
            assertThat(api.get("/api/v2/scenarios?cursor=" + bad).code()).as(bad).isEqualTo("invalid-cursor");
        }
        assertThat(api.get("/api/v2/scenarios?limit=0").code()).isEqualTo("invalid-parameter");
        assertThat(api.get("/api/v2/scenarios?limit=101").code()).isEqualTo("invalid-parameter");
    }

    @Test
    void theOtherScenarioRoutesAreServedUnderV2Too() {
        Api.Response created = api.post("/api/v2/scenarios", "{\"name\":\"v2\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v2/scenarios/" + id);
        assertThat(created.json().get("owner_id").asString()).isEqualTo(owner.id().toString());
        assertThat(api.put("/api/v2/scenarios/" + id, "{\"description\":\"d\"}").json().get("description").asString()).isEqualTo("d");
        assertThat(api.post("/api/v2/scenarios/" + id + "/start").json().get("status").asString()).isEqualTo("running");
        assertThat(api.get("/api/v2/scenarios/" + id + "/logs").json().get("items")).isEmpty();
        assertThat(api.post("/api/v2/scenarios/" + id + "/stop").json().get("status").asString()).isEqualTo("completed");
        assertThat(api.delete("/api/v2/scenarios/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(404);
    }
}
