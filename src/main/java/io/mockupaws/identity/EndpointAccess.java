package io.mockupaws.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: one table, first match wins, and anything it does not name needs an authenticated caller
 * (deny by default: a new endpoint is never public by accident). GET rules also cover HEAD, which Spring MVC
 * answers with the GET handler.
 */
final class EndpointAccess {

    enum Requirement {
        /** no credentials needed */
        PUBLIC,
        /** any valid credential */
        AUTHENTICATED,
        /** a signed-in user (JWT), not an API key */
        SESSION,
        /** an API key with scope {@code ingest} */
        INGEST_KEY,
        SCENARIOS_READ,
        SCENARIOS_WRITE,
        /** scope {@code reports}: reports and report schedules */
        REPORTS,
        /** role admin (JWT) or an API key with scope {@code admin} */
        ADMIN
    }

    private record Rule(Set<String> methods, PathPattern pattern, Requirement requirement) {
        boolean matches(String method, PathContainer path) {
            return (methods.isEmpty() || methods.contains(method) || ("HEAD".equals(method) && methods.contains("GET")))
                    && pattern.matches(path);
        }
    }

    private static final Set<String> ANY = Set.of();
    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> POST = Set.of("POST");

    private static final List<Rule> RULES = List.of(
            rule(GET, "/api/v1/health", Requirement.PUBLIC),
            rule(GET, "/v3/api-docs", Requirement.PUBLIC),
            rule(GET, "/v3/api-docs/**", Requirement.PUBLIC),
            rule(GET, "/v3/api-docs.yaml", Requirement.PUBLIC),
            rule(GET, "/swagger-ui.html", Requirement.PUBLIC),
            rule(GET, "/swagger-ui/**", Requirement.PUBLIC),
            rule(GET, "/actuator/health", Requirement.PUBLIC),
            rule(GET, "/actuator/health/**", Requirement.PUBLIC),
            rule(POST, "/api/v1/auth/register", Requirement.PUBLIC),
            rule(POST, "/api/v1/auth/login", Requirement.PUBLIC),
            rule(POST, "/api/v1/auth/refresh", Requirement.PUBLIC),
            rule(POST, "/api/v1/auth/forgot-password", Requirement.PUBLIC),
            rule(POST, "/api/v1/auth/reset-password", Requirement.PUBLIC),
            // Elasticsearch clients probe the cluster root before sending; it reveals nothing.
            rule(GET, "/ingest", Requirement.PUBLIC),
            rule(GET, "/ingest/", Requirement.PUBLIC),
            // a scheduled report too large to mail: the link's 256-bit token is the credential of its recipient
            rule(GET, "/api/v1/report-links/{token}", Requirement.PUBLIC),

            rule(POST, "/ingest", Requirement.INGEST_KEY),
            rule(POST, "/ingest/_bulk", Requirement.INGEST_KEY),
            rule(POST, "/ingest/{index}/_bulk", Requirement.INGEST_KEY),
            rule(POST, "/v1/logs", Requirement.INGEST_KEY),
            rule(POST, "/flush", Requirement.INGEST_KEY),
            rule(POST, "/api/v1/scenarios/{id}/ingest", Requirement.INGEST_KEY),

            rule(POST, "/api/v1/auth/logout", Requirement.SESSION),
            rule(POST, "/api/v1/auth/change-password", Requirement.SESSION),
            rule(ANY, "/api/v1/api-keys/**", Requirement.SESSION),

            rule(ANY, "/api/v1/admin/**", Requirement.ADMIN),
            rule(ANY, "/api/v1/audit/**", Requirement.ADMIN),
            rule(ANY, "/api/v2/audit/**", Requirement.ADMIN),
            rule(ANY, "/actuator/**", Requirement.ADMIN),
            // the price book is shared by every tenant: only administrators change it
            rule(POST, "/api/v1/pricing/import", Requirement.ADMIN),

            rule(ANY, "/api/v1/scenarios/{id}/reports", Requirement.REPORTS),
            rule(ANY, "/api/v1/reports/**", Requirement.REPORTS),
            rule(ANY, "/api/v1/report-schedules/**", Requirement.REPORTS),

            // reads that take a body: a what-if estimate and a comparison save nothing
            rule(POST, "/api/v1/scenarios/compare", Requirement.SCENARIOS_READ),
            rule(POST, "/api/v1/scenarios/{id}/estimate", Requirement.SCENARIOS_READ),

            rule(GET, "/api/v1/scenarios/**", Requirement.SCENARIOS_READ),
            rule(GET, "/api/v2/scenarios/**", Requirement.SCENARIOS_READ),
            rule(ANY, "/api/v1/scenarios/**", Requirement.SCENARIOS_WRITE),
            rule(ANY, "/api/v2/scenarios/**", Requirement.SCENARIOS_WRITE),

            // Everything else under the API and the machine endpoints needs credentials, as before the web dashboard:
            // an unknown API path is a 401 for strangers, never the dashboard's page.
            rule(ANY, "/api/**", Requirement.AUTHENTICATED),
            rule(ANY, "/ingest/**", Requirement.AUTHENTICATED),
            rule(ANY, "/v1/**", Requirement.AUTHENTICATED),
            rule(ANY, "/v2/**", Requirement.AUTHENTICATED),
            rule(ANY, "/v3/**", Requirement.AUTHENTICATED),
            rule(ANY, "/flush", Requirement.AUTHENTICATED),
            rule(ANY, "/error", Requirement.AUTHENTICATED),
            // The web dashboard (module webui): its files and every client-side route are public pages; the data
            // they show comes from the API above, with the signed-in user's token.
            rule(GET, "/**", Requirement.PUBLIC));

    private EndpointAccess() {}

    private static Rule rule(Set<String> methods, String pattern, Requirement requirement) {
        return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern), requirement);
    }

    static Requirement of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        PathContainer path = PathContainer.parsePath(context.isEmpty() ? uri : uri.substring(context.length()));
        for (Rule r : RULES) if (r.matches(request.getMethod(), path)) return r.requirement();
        return Requirement.AUTHENTICATED;
    }

    /** Whether the actor meets the requirement (PUBLIC needs no actor and is decided before this is asked). */
    static boolean allows(Requirement requirement, Actor actor) {
        return switch (requirement) {
            case PUBLIC, AUTHENTICATED -> true;
            case SESSION -> !actor.viaApiKey();
            case INGEST_KEY -> actor.viaApiKey() && actor.has(Scope.INGEST);
            case SCENARIOS_READ -> actor.has(Scope.SCENARIOS_READ);
            case SCENARIOS_WRITE -> actor.has(Scope.SCENARIOS_WRITE);
            case REPORTS -> actor.has(Scope.REPORTS);
            case ADMIN -> actor.has(Scope.ADMIN);
        };
    }
}
