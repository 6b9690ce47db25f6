package io.mockupaws.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HealthAndOpenApiTest extends ApiTest {

    @Test
    void healthReportsDatabaseAndVersion() {
        Api.Response r = anonymous.get("/api/v1/health");

        assertThat(r.status()).isEqualTo(200);
        JsonNode h = r.json();
        assertThat(h.get("status").asString()).isEqualTo("ok");
        assertThat(h.at("/database/reachable").asBoolean()).isTrue();
        assertThat(h.at("/database/server_version").asString()).startsWith("15.");
        assertThat(h.get("version").asString()).isNotBlank();
    }

    @Test
    void openApiDocumentDescribesBothApiVersionsAndHowToAuthenticate() {
        JsonNode doc = anonymous.get("/v3/api-docs").json();

        assertThat(doc.get("openapi").asString()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/v1/scenarios")).isTrue();
        assertThat(paths.has("/api/v1/scenarios/{id}")).isTrue();
        assertThat(paths.has("/api/v1/scenarios/{id}/start")).isTrue();
        assertThat(paths.has("/api/v1/health")).isTrue();
        for (String path : new String[] {"/api/v2/scenarios", "/api/v2/scenarios/{id}", "/api/v2/scenarios/{id}/logs",
                "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/api-keys", "/api/v1/api-keys/{id}/rotate",
                "/api/v1/audit", "/api/v2/audit", "/api/v1/admin/users/{id}"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/apiKey/name").asString()).isEqualTo("X-API-Key");
        // the caller is not a request parameter, and public operations say so
        assertThat(paths.at("/~1api~1v1~1scenarios/get/parameters").toString()).doesNotContain("actor");
        assertThat(paths.at("/~1api~1v1~1auth~1login/post/security").isArray()).isTrue();
        assertThat(paths.at("/~1api~1v1~1auth~1login/post/security")).isEmpty();
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
