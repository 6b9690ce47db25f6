package io.mockupaws.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScenarioListTest extends ApiTest {

    private String alpha;
    private String beta;
    private String gamma;
    private String delta;

    @BeforeEach
    void fourScenarios() {
        alpha = createScenario("""
                {"name":"Alpha checkout","description":"payments team","region":"us-east-1","tags":["payments","prod"]}""");
        beta = createScenario("""
                {"name":"beta search","description":"100% of search traffic","region":"eu-west-1","tags":["search"]}""");
        gamma = createScenario("""
                {"name":"Gamma_batch","description":"nightly","region":"eu-west-1","tags":["prod"]}""");
        delta = createScenario("""
                {"name":"delta","description":"","region":"ap-south-1"}""");
        api.post("/api/v1/scenarios/" + beta + "/start");
        api.post("/api/v1/scenarios/" + gamma + "/start");
        api.post("/api/v1/scenarios/" + gamma + "/stop");
        // distinct, known creation times for the date filters and ordering
        setCreated(alpha, "2026-01-10T00:00:00Z");
        setCreated(beta, "2026-02-10T00:00:00Z");
        setCreated(gamma, "2026-03-10T00:00:00Z");
        setCreated(delta, "2026-04-10T00:00:00Z");
    }

    private void setCreated(String id, String at) {
        jdbc.sql("UPDATE scenarios SET created_at = CAST(:at AS timestamptz), updated_at = CAST(:at AS timestamptz) + interval '1 day' WHERE id = :id")
                .param("at", at).param("id", UUID.fromString(id)).update();
    }

    private List<String> ids(String query) {
        JsonNode page = api.get("/api/v1/scenarios" + query).json();
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    @Test
    void defaultIsNewestFirstWithPageMetadata() {
        JsonNode page = api.get("/api/v1/scenarios").json();
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("page_size").asInt()).isEqualTo(20);
        assertThat(ids("")).containsExactly(delta, gamma, beta, alpha);
    }

    @Test
    void filtersByStatusRegionAndTag() {
        assertThat(ids("?status=running")).containsExactly(beta);
        assertThat(ids("?status=completed")).containsExactly(gamma);
        assertThat(ids("?status=draft")).containsExactlyInAnyOrder(alpha, delta);
        assertThat(ids("?region=eu-west-1")).containsExactlyInAnyOrder(beta, gamma);
        assertThat(ids("?tag=prod")).containsExactlyInAnyOrder(alpha, gamma);
        assertThat(ids("?tag=prod&region=eu-west-1")).containsExactly(gamma);
        assertThat(ids("?status=archived")).isEmpty();
    }

    @Test
    void searchIsCaseInsensitiveOnNameAndDescriptionAndTakesWildcardsLiterally() {
        assertThat(ids("?search=ALPHA")).containsExactly(alpha);
        assertThat(ids("?search=payments")).containsExactly(alpha);
        assertThat(ids("?search=100%25")).containsExactly(beta);
        assertThat(ids("?search=_")).containsExactly(gamma);
        assertThat(ids("?search=%25")).containsExactly(beta);
    }

    @Test
    void filtersByCreationDateRangeHalfOpen() {
        assertThat(ids("?created_from=2026-02-10T00:00:00Z")).containsExactlyInAnyOrder(beta, gamma, delta);
        assertThat(ids("?created_to=2026-03-10")).containsExactlyInAnyOrder(alpha, beta);
        assertThat(ids("?created_from=2026-02-01&created_to=2026-04-01")).containsExactlyInAnyOrder(beta, gamma);
        assertThat(ids("?created_from=2026-02-10T01:00:00%2B01:00")).containsExactlyInAnyOrder(beta, gamma, delta);
    }

    @Test
    void sortsByEachFieldBothWays() {
        assertThat(ids("?sort_by=created_at&sort_order=asc")).containsExactly(alpha, beta, gamma, delta);
        assertThat(ids("?sort_by=updated_at&sort_order=desc")).containsExactly(delta, gamma, beta, alpha);
        assertThat(ids("?sort_by=name&sort_order=asc")).containsExactly(alpha, beta, delta, gamma);
        assertThat(ids("?sort_by=name&sort_order=desc")).containsExactly(gamma, delta, beta, alpha);
        List<String> byStatus = ids("?sort_by=status&sort_order=asc");
        assertThat(byStatus.getLast()).isEqualTo(beta); // running sorts last alphabetically
        assertThat(byStatus.get(0)).isEqualTo(gamma);   // completed first
    }

    @Test
    void paginatesWithStableTotals() {
        assertThat(ids("?sort_by=created_at&sort_order=asc&page=1&page_size=3")).containsExactly(alpha, beta, gamma);
        assertThat(ids("?sort_by=created_at&sort_order=asc&page=2&page_size=3")).containsExactly(delta);
        JsonNode beyond = api.get("/api/v1/scenarios?page=5&page_size=3").json();
        assertThat(beyond.get("items").size()).isZero();
        assertThat(beyond.get("total").asLong()).isEqualTo(4);
        assertThat(api.get("/api/v1/scenarios?page_size=100").status()).isEqualTo(200);
    }
}
