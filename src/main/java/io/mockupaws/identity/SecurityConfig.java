package io.mockupaws.identity;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.ProblemWriter;
import io.mockupaws.ratelimit.RateLimitSettings;
import io.mockupaws.ratelimit.RateLimitRejections;
import io.mockupaws.ratelimit.RateLimiter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The HTTP security of the API: stateless (no HTTP session, no cookies, so no CSRF surface), every request
 * authenticated by {@link CredentialsFilter} and authorized by {@link EndpointAccess}, every refusal a problem+json
 * with a stable code, and security headers on every response.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

    /**
     * For the API and the Swagger UI it serves: nothing from other origins, no framing. Swagger UI sets inline
     * styles and uses data: images, hence those two allowances.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    AccessTokens accessTokens(Environment env) {
        return AccessTokens.fromEnvironment(env);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, Authenticator authenticator, ProblemWriter problems,
                                    RateLimiter limiter, RateLimitSettings limits, RateLimitRejections rejections,
                                    @Value("${mockupaws.cors.origins:}") String corsOrigins) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            ApiException problem = e instanceof InvalidCredentials ic
                    ? ApiException.unauthorized(ic.code(), ic.getMessage())
                    : ApiException.unauthorized("authentication-required", EndpointAccess.of(request) == EndpointAccess.Requirement.INGEST_KEY
                            ? "This endpoint needs an API key with the ingest scope: send it as X-API-Key: mk_… (or Authorization: ApiKey mk_…)"
                            : "This endpoint needs credentials: Authorization: Bearer <access token from POST /api/v1/auth/login>, or an API key (X-API-Key: mk_…)");
            problems.write(request, response, problem);
        };
        AccessDeniedHandler denied = (request, response, e) -> {
            problems.write(request, response, forbidden(EndpointAccess.of(request), currentActor()));
        };
        AuthorizationManager<RequestAuthorizationContext> access = (authentication, context) -> {
            EndpointAccess.Requirement requirement = EndpointAccess.of(context.getRequest());
            if (requirement == EndpointAccess.Requirement.PUBLIC) return new AuthorizationDecision(true);
            Authentication auth = authentication.get(); // throws when anonymous: the entry point answers 401
            return new AuthorizationDecision(auth instanceof ActorAuthentication a && EndpointAccess.allows(requirement, a.actor()));
        };

        http.csrf(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> a.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(f -> f.deny())
                        // written only on requests that arrived over TLS (directly or via a trusted proxy)
                        .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().access(access))
                .addFilterAfter(corsFilter(corsOrigins), HeaderWriterFilter.class)
                .addFilterBefore(new CredentialsFilter(authenticator, entryPoint), ExceptionTranslationFilter.class)
                .addFilterAfter(new TierRateLimitFilter(limiter, limits, problems, rejections), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * No observation per security filter, authentication or authorization: the request's own observation (the
     * http.server.requests metric and its server span) covers them. Spring Security would otherwise start and stop
     * an observation around each of its filters — on a single-event ingest request about a tenth of the CPU time, for
     * spans nobody reads.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** A URL the firewall refuses (path traversal, encoded slashes, …) is a 400 problem, like any bad input. */
    @Bean
    RequestRejectedHandler rejectedRequests(ProblemWriter problems) {
        return (request, response, e) -> problems.write(request, response,
                ApiException.badRequest("rejected-request", "The request URL or headers are not acceptable"));
    }

    private static Actor currentActor() {
        return org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                instanceof ActorAuthentication a ? a.actor() : null;
    }

    private static ApiException forbidden(EndpointAccess.Requirement requirement, Actor actor) {
        boolean key = actor != null && actor.viaApiKey();
        return switch (requirement) {
            case INGEST_KEY -> key
                    ? insufficientScope(Scope.INGEST)
                    : ApiException.forbidden("api-key-required", "Ingest takes an API key with the ingest scope (X-API-Key: mk_…), not a session token");
            case SESSION -> ApiException.forbidden("session-required",
                    "This needs a signed-in user (Authorization: Bearer <access token>), not an API key");
            case SCENARIOS_READ -> insufficientScope(Scope.SCENARIOS_READ);
            case SCENARIOS_WRITE -> insufficientScope(Scope.SCENARIOS_WRITE);
            case REPORTS -> insufficientScope(Scope.REPORTS);
            case ADMIN -> key ? insufficientScope(Scope.ADMIN)
                    : ApiException.forbidden("admin-required", "This is for administrators only");
            case PUBLIC, AUTHENTICATED -> ApiException.forbidden("forbidden", "Not allowed");
        };
    }

    private static ApiException insufficientScope(Scope scope) {
        return ApiException.forbidden("insufficient-scope", "This API key lacks the '" + scope.wire() + "' scope")
                .with("required_scope", scope.wire());
    }

    /**
     * Browsers may call the API from the origins in {@code MOCKUPAWS_CORS_ORIGINS} (comma-separated) and from no
     * others. Bearer tokens, not cookies, so no credentials mode. A preflight from another origin is a 403 problem.
     */
    private static CorsFilter corsFilter(String origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration c = new CorsConfiguration();
            c.setAllowedOrigins(allowed);
            c.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
            c.setAllowedHeaders(List.of("Authorization", "Content-Type", "Content-Encoding", "X-API-Key", "X-Scenario-ID", "X-Source"));
            c.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));
            c.setAllowCredentials(false);
            c.setMaxAge(3600L);
            source.registerCorsConfiguration("/**", c);
        }
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(org.springframework.http.server.ServerHttpResponse response) throws IOException {
                HttpServletResponse servlet = ((org.springframework.http.server.ServletServerHttpResponse) response).getServletResponse();
                ApiException problem = new ApiException(HttpStatus.FORBIDDEN, "cors-origin-not-allowed",
                        "Cross-origin requests from this origin are not allowed (MOCKUPAWS_CORS_ORIGINS)");
                servlet.setStatus(problem.status().value());
                servlet.setContentType("application/problem+json");
                servlet.getOutputStream().write(("{\"type\":\"/problems/cors-origin-not-allowed\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"" + problem.getMessage() + "\",\"code\":\"cors-origin-not-allowed\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                servlet.flushBuffer();
            }
        });
        return filter;
    }
}
