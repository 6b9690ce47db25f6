package io.mockupaws.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HealthAndOpenApiTest extends ApiTest {

    @Test
    void healthReportsDatabaseAndVersion() {
        Api.Response r = api.get("/api/v1/health");

        assertThat(r.status()).isEqualTo(200);
        JsonNode h = r.json();
        assertThat(h.get("status").asString()).isEqualTo("ok");
        assertThat(h.at("/database/reachable").asBoolean()).isTrue();
        assertThat(h.at("/database/server_version").asString()).startsWith("15.");
        assertThat(h.get("version").asString()).isNotBlank();
    }

    @Test
    void openApiDocumentDescribesTheScenarioApiAndSwaggerUiIsServed() {
        JsonNode doc = api.get("/v3/api-docs").json();

        assertThat(doc.get("openapi").asString()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/v1/scenarios")).isTrue();
        assertThat(paths.has("/api/v1/scenarios/{id}")).isTrue();
        assertThat(paths.has("/api/v1/scenarios/{id}/start")).isTrue();
        assertThat(paths.has("/api/v1/health")).isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
