package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Security headers on every response — successes, refusals, errors — and CORS only for the configured origins. */
class SecurityHeadersTest extends ApiTest {

    private static void assertSecurityHeaders(Api.Response r) {
        assertThat(r.header("Content-Security-Policy")).as(r.toString()).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void everyKindOfResponseCarriesTheHeaders() {
        assertSecurityHeaders(anonymous.get("/api/v1/health"));                     // 200, public
        assertSecurityHeaders(api.get("/api/v1/scenarios"));                         // 200, authenticated
        assertSecurityHeaders(anonymous.get("/api/v1/scenarios"));                   // 401
        assertSecurityHeaders(api.get("/api/v1/audit"));                             // 403
        assertSecurityHeaders(api.get("/api/v1/scenarios/not-a-uuid"));              // 400
        assertSecurityHeaders(api.get("/api/v1/nothing-here"));                      // 404
        assertSecurityHeaders(api.post("/api/v1/scenarios", "{\"name\":"));           // 400 malformed JSON
        assertSecurityHeaders(anonymous.get("/swagger-ui/index.html"));
    }

    @Test
    void hstsOnlyWhenServedOverTls() {
        assertThat(anonymous.get("/api/v1/health").header("Strict-Transport-Security")).isNull();
        // TLS terminated by a proxy on a private/loopback address that says so
        Api.Response viaTls = anonymous.withHeader("X-Forwarded-Proto", "https").get("/api/v1/health");
        assertThat(viaTls.header("Strict-Transport-Security")).contains("max-age=31536000", "includeSubDomains");
    }

    @Test
    void corsAllowsTheConfiguredOriginAndRefusesOthers() {
        Api.Response preflight = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/api/v1/scenarios"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.test").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.test");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();

        Api.Response actual = api.withHeader("Origin", "https://app.example.test").get("/api/v1/scenarios");
        assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.test");
        assertThat(actual.header("Access-Control-Expose-Headers")).contains("RateLimit-Remaining");

        Api.Response evil = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/api/v1/scenarios"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "DELETE"));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.contentType()).startsWith("application/problem+json");
        assertThat(evil.code()).isEqualTo("cors-origin-not-allowed");
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
        assertThat(api.withHeader("Origin", "https://evil.example").get("/api/v1/scenarios").status()).isEqualTo(403);
    }
}
