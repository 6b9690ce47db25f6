package io.mockupaws.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is served at / with its client-side routes, publicly and with the security headers, while every
 * API and machine path keeps answering as the API does (401 for strangers, a 404 problem for an unknown path).
 * The files come from src/test/resources/static, a stand-in for the built frontend/dist.
 */
class WebUiServingTest extends ApiTest {

    @Test
    void theIndexPageAndEveryClientRouteServeTheApplicationWithoutCredentials() {
        for (String path : List.of("/", "/login", "/scenarios", "/scenarios/6f1c2b7e-0000-4000-8000-000000000001/whatif",
                "/compare", "/api-keys", "/admin/audit", "/reset-password?token=abc")) {
            Api.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.contentType()).as(path).startsWith("text/html");
            assertThat(r.body()).as(path).contains("<div id=\"root\"></div>");
            assertThat(r.header("Cache-Control")).as(path).contains("no-cache");
            assertThat(r.header("Content-Security-Policy")).as(path).contains("default-src 'self'", "script-src 'self'");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void hashedAssetsAreCachedForAYearAndAMissingFileIsA404NotThePage() {
        Api.Response asset = anonymous.get("/assets/app-Abc123.js");
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.header("Cache-Control")).contains("max-age=31536000", "immutable");

        for (String path : List.of("/assets/missing-Xyz.js", "/robots.txt", "/scenarios/x/data.json")) {
            Api.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).doesNotContain("<div id=\"root\">");
        }
    }

    @Test
    void apiAndMachinePathsAreNeverAnsweredWithThePage() {
        for (String path : List.of("/api/v1/nothing-here", "/api", "/api/v3/scenarios", "/v1/nothing", "/v2/x",
                "/ingest/nothing/_search", "/flush", "/error", "/actuator", "/actuator/prometheus")) {
            Api.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        Api.Response signedIn = api.get("/api/v1/nothing-here");
        assertThat(signedIn.status()).isEqualTo(404);
        assertThat(signedIn.contentType()).startsWith("application/problem+json");
        assertThat(signedIn.code()).isEqualTo("not-found");
    }

    @Test
    void onlyGetIsPublic() {
        Api.Response post = anonymous.post("/scenarios", "{}");
        assertThat(post.status()).isEqualTo(401);
    }

    @Test
    void aClientRouteIsAPathWithoutAFileNameOutsideTheApi() {
        assertThat(WebUiResources.isClientRoute("")).isTrue();
        assertThat(WebUiResources.isClientRoute("scenarios/abc/metrics")).isTrue();
        assertThat(WebUiResources.isClientRoute("apikeys")).isTrue();
        assertThat(WebUiResources.isClientRoute("api/v1/x")).isFalse();
        assertThat(WebUiResources.isClientRoute("api")).isFalse();
        assertThat(WebUiResources.isClientRoute("v1/logs")).isFalse();
        assertThat(WebUiResources.isClientRoute("favicon.ico")).isFalse();
        assertThat(WebUiResources.isClientRoute("assets/x.js")).isFalse();
    }
}
