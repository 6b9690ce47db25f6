package io.mockupaws.identity;

import io.mockupaws.platform.web.ProblemWriter;
import io.mockupaws.ratelimit.RateLimit;
import io.mockupaws.ratelimit.RateLimitDecision;
import io.mockupaws.ratelimit.RateLimitRejections;
import io.mockupaws.ratelimit.RateLimitSettings;
import io.mockupaws.ratelimit.RateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-user request limits, after authorization (a refused request does not count): API-key management has its
 * own bucket, everything else authenticated draws from the user's tier bucket, shared by their sessions and keys.
 * Ingest is exempt — only a key's own events/s limit applies there, checked where the events are counted — and
 * the public endpoints are limited where it matters (the auth endpoints, per IP and account).
 *
 * <p>The limit is part of the bucket's key, so when an admin changes a user's tier the new limit applies to the
 * very next request.
 */
final class TierRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final ProblemWriter problems;
    private final RateLimitRejections rejections;

    TierRateLimitFilter(RateLimiter limiter, RateLimitSettings settings, ProblemWriter problems,
                        RateLimitRejections rejections) {
        this.limiter = limiter;
        this.settings = settings;
        this.problems = problems;
        this.rejections = rejections;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ActorAuthentication auth)) {
            chain.doFilter(request, response);
            return;
        }
        EndpointAccess.Requirement requirement = EndpointAccess.of(request);
        if (requirement == EndpointAccess.Requirement.PUBLIC || requirement == EndpointAccess.Requirement.INGEST_KEY) {
            chain.doFilter(request, response);
            return;
        }
        Actor actor = auth.actor();
        String key;
        RateLimit limit;
        String what;
        RateLimitRejections.Limit kind;
        if (request.getRequestURI().startsWith("/api/v1/api-keys")) {
            limit = settings.apiKeyManagementLimit();
            key = "api-keys:" + actor.userId();
            what = "API-key management";
            kind = RateLimitRejections.Limit.API_KEYS;
        } else {
            limit = settings.forTier(actor.tier());
            key = "tier:" + actor.userId() + ":" + limit.capacity();
            what = "the " + actor.tier() + " tier";
            kind = RateLimitRejections.Limit.TIER;
        }
        RateLimitDecision d = limiter.consume(key, limit);
        if (!d.allowed()) {
            rejections.rejected(kind, actor.tier());
            problems.write(request, response, d.refusal("Rate limit of " + limit.capacity() + " requests per minute for "
                    + what + " reached; retry in " + d.retryAfterSeconds() + " s"));
            return;
        }
        d.writeHeaders(response);
        chain.doFilter(request, response);
    }
}
