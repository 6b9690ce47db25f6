package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps — found from Spring MVC's own handler mappings, so a new endpoint is covered
 * without editing this test — answers a request without credentials with 401 problem+json, except the few that
 * are public on purpose. The actuator endpoints are listed by hand (they are mapped elsewhere).
 */
class EveryEndpointNeedsCredentialsTest extends ApiTest {

    /** method + path pattern of the endpoints that need no credentials */
    private static final Set<String> PUBLIC = Set.of(
            "GET /api/v1/health",
            "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/forgot-password", "POST /api/v1/auth/reset-password",
            "GET /ingest", "HEAD /ingest", "GET /ingest/", "HEAD /ingest/",
            "GET /v3/api-docs", "GET /v3/api-docs/swagger-config", "GET /v3/api-docs.yaml", "GET /swagger-ui.html",
            "GET /api/v1/report-links/{token}", "HEAD /api/v1/report-links/{token}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private List<String> endpoints() {
        Set<String> all = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) all.add("GET " + pattern);
                for (RequestMethod m : methods) all.add(m.name() + " " + pattern);
            }
        });
        all.addAll(List.of("GET /actuator/prometheus", "GET /actuator/info", "GET /actuator", "GET /error"));
        return new ArrayList<>(all);
    }

    private Api.Response call(Api client, String endpoint) {
        String[] parts = endpoint.split(" ", 2);
        String path = parts[1].replaceAll("\\{id}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "x");
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri(path)).header("Content-Type", "application/json")
                .method(parts[0], parts[0].equals("GET") || parts[0].equals("HEAD") || parts[0].equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        return client.send(b);
    }

    @Test
    void theMappingsIncludeWhatThisIssueAdded() {
        assertThat(endpoints()).contains("POST /api/v1/api-keys", "GET /api/v1/audit", "GET /api/v2/audit",
                "PATCH /api/v1/admin/users/{id}", "GET /api/v2/scenarios", "POST /ingest", "POST /v1/logs",
                "POST /api/v1/scenarios/{id}/reports", "GET /api/v1/reports/{id}/download", "PUT /api/v1/report-schedules/{id}",
                "GET /api/v1/admin/jobs", "POST /api/v1/admin/jobs/{id}/run");
    }

    @Test
    void withoutCredentialsEveryNonPublicEndpointIs401() {
        List<String> checked = new ArrayList<>();
        for (String endpoint : endpoints()) {
            if (PUBLIC.contains(endpoint)) continue;
            Api.Response r = call(anonymous, endpoint);
            assertThat(r.status()).as(endpoint + " → " + r).isEqualTo(401);
            if (!endpoint.startsWith("HEAD")) {
                assertThat(r.contentType()).as(endpoint).startsWith("application/problem+json");
                assertThat(r.code()).as(endpoint).isEqualTo("authentication-required");
            }
            checked.add(endpoint);
        }
        assertThat(checked).hasSizeGreaterThan(30);
    }

    @Test
    void thePublicEndpointsAnswerWithoutCredentials() {
        for (String endpoint : PUBLIC) {
            if (endpoint.contains("/auth/")) continue; // answered (4xx for an empty body), covered by the sign-in tests
            if (endpoint.contains("/report-links/")) {
                // the token is the credential: an unknown one is a 404 problem, never a 401
                assertThat(call(anonymous, endpoint).status()).as(endpoint).isEqualTo(404);
                continue;
            }
            Api.Response r = call(anonymous, endpoint);
            assertThat(r.status()).as(endpoint + " → " + r).isIn(200, 302); // swagger-ui.html redirects to the UI
        }
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void anUnknownPathIs401ForStrangersAnd404ForUsers() {
        assertThat(anonymous.get("/api/v1/nothing-here").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void aUserIsNotAnAdmin() {
        for (String path : List.of("/api/v1/audit", "/api/v2/audit", "/api/v1/admin/users", "/actuator/info")) {
            Api.Response r = api.get(path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.code()).as(path).isEqualTo("admin-required");
        }
        Api admin = newUser("admin", "admin", "enterprise").api();
        assertThat(admin.get("/api/v1/admin/users").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/info").status()).isEqualTo(200);
    }

    @Test
    void aUrlTheFirewallRefusesIsA400Problem() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /api/v1/health/..;/scenarios HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json").contains("rejected-request");
        }
    }
}
