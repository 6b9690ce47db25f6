package io.mockupaws.identity;

import io.mockupaws.ratelimit.RateLimitDecision;
import io.mockupaws.ratelimit.RateLimitRejections;
import io.mockupaws.ratelimit.RateLimitSettings;
import io.mockupaws.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Guessing protection for the authentication endpoints: each endpoint allows {@code mockupaws.rate-limit.auth}
 * attempts a minute per client IP and, separately, per account (the email it names), so neither one address trying
 * many accounts nor many addresses trying one account get far. Checked before any password is hashed.
 */
@Component
class AuthRateLimits {

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final RateLimitRejections rejections;

    AuthRateLimits(RateLimiter limiter, RateLimitSettings settings, RateLimitRejections rejections) {
        this.limiter = limiter;
        this.settings = settings;
        this.rejections = rejections;
    }

    /** Takes one attempt from the endpoint's buckets; writes the RateLimit headers; 429 when either is empty. */
    void attempt(String endpoint, String account, HttpServletRequest request, HttpServletResponse response) {
        List<RateLimitDecision> decisions = new ArrayList<>(2);
        decisions.add(limiter.consume("auth:" + endpoint + ":ip:" + request.getRemoteAddr(), settings.authLimit()));
        if (account != null && !account.isBlank()) {
            String key = account.strip().toLowerCase(Locale.ROOT);
            if (key.length() > 320) key = key.substring(0, 320);
            decisions.add(limiter.consume("auth:" + endpoint + ":account:" + key, settings.authLimit()));
        }
        RateLimitDecision d = RateLimitDecision.tightest(decisions);
        if (!d.allowed()) {
            rejections.rejected(RateLimitRejections.Limit.AUTH, null);
            throw d.refusal("Too many attempts; try again in " + d.retryAfterSeconds() + " s");
        }
        d.writeHeaders(response);
    }
}
