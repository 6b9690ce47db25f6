package io.mockupaws.ratelimit;

import io.mockupaws.platform.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Comparator;
import org.springframework.http.HttpStatus;

/**
 * The answer of a bucket, and the headers it becomes: {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds until the bucket is full again) on every limited response, and
 * {@code Retry-After} (seconds until the refused request would pass) on a 429.
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    public void writeHeaders(HttpServletResponse response) {
        response.setHeader(LIMIT, Long.toString(limit));
        response.setHeader(REMAINING, Long.toString(remaining));
        response.setHeader(RESET, Long.toString(resetSeconds));
        if (!allowed) response.setHeader(RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    /** The 429 problem for a refused request, carrying the same headers. */
    public ApiException refusal(String detail) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", detail)
                .with("limit", limit).with("retry_after_seconds", retryAfterSeconds)
                .header(LIMIT, Long.toString(limit)).header(REMAINING, Long.toString(remaining))
                .header(RESET, Long.toString(resetSeconds)).header(RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    /**
     * Of several limits applied to one request, the one to report: a refusal if any refused (the longest wait),
     * otherwise the one closest to running out.
     */
    public static RateLimitDecision tightest(Collection<RateLimitDecision> decisions) {
        return decisions.stream()
                .filter(d -> !d.allowed()).max(Comparator.comparingLong(RateLimitDecision::retryAfterSeconds))
                .orElseGet(() -> decisions.stream().min(Comparator.comparingLong(RateLimitDecision::remaining)).orElseThrow());
    }
}
