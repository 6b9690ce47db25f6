package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import org.junit.jupiter.api.Test;

/** Insights answer only for the caller's scenarios: another tenant's id is "not found", on every endpoint. */
class InsightsTenancyTest extends ApiTest {

    @Test
    void anotherTenantsScenarioIsNotFoundOnEveryInsightsEndpoint() {
        String mine = createScenario("mine", "us-east-1");
        Api stranger = newUser("stranger").api();
        String theirs = stranger.post("/api/v1/scenarios", "{\"name\":\"theirs\"}").json().get("id").asString();

        for (Api.Response r : new Api.Response[] {
                api.get("/api/v1/scenarios/" + theirs + "/metrics"),
                api.post("/api/v1/scenarios/" + theirs + "/estimate", "{\"pipeline\":{\"lambda\":{\"memory_mb\":256}}}"),
                api.get("/api/v1/scenarios/" + theirs + "/projection"),
                api.get("/api/v1/scenarios/" + theirs + "/sources"),
                api.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[\"" + mine + "\",\"" + theirs + "\"]}")}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("scenario-not-found");
        }
        assertThat(api.get("/api/v1/scenarios/" + mine + "/metrics").status()).isEqualTo(200);
        assertThat(adminApi().get("/api/v1/scenarios/" + theirs + "/metrics").status()).as("admins see all").isEqualTo(200);
    }

    @Test
    void aReadOnlyKeyMayEstimateAndCompareButNotChange() {
        String a = createScenario("a", "us-east-1");
        String b = createScenario("b", "us-east-1");
        Api reader = anonymous.withApiKey(apiKey(owner, "scenarios:read"));

        assertThat(reader.post("/api/v1/scenarios/" + a + "/estimate", "{}").status()).isEqualTo(200);
        assertThat(reader.post("/api/v1/scenarios/compare", "{\"scenario_ids\":[\"" + a + "\",\"" + b + "\"]}").status())
                .isEqualTo(200);
        assertThat(reader.post("/api/v1/scenarios/" + a + "/start").status()).isEqualTo(403);
    }
}
