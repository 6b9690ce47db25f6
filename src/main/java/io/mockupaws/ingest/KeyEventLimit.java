package io.mockupaws.ingest;

import io.mockupaws.identity.Actor;
import io.mockupaws.ratelimit.RateLimit;
import io.mockupaws.ratelimit.RateLimitDecision;
import io.mockupaws.ratelimit.RateLimitRejections;
import io.mockupaws.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The optional events-per-second limit an API key was created with — the only limit on ingest. Shippers send in
 * batches (Logstash 125 events, Fluent Bit a few seconds' worth), so the bucket holds ten seconds of the rate: the
 * sustained rate is what the key allows, and a batch of up to ten seconds' worth fits in one request.
 */
@Component
class KeyEventLimit {

    static final Duration BURST = Duration.ofSeconds(10);

    private final RateLimiter limiter;
    private final RateLimitRejections rejections;

    KeyEventLimit(RateLimiter limiter, RateLimitRejections rejections) {
        this.limiter = limiter;
        this.rejections = rejections;
    }

    void take(Actor actor, long events, HttpServletResponse response) {
        Integer perSecond = actor.keyEventsPerSecond();
        if (perSecond == null) return;
        RateLimit limit = new RateLimit(perSecond * BURST.toSeconds(), BURST);
        RateLimitDecision d = limiter.consume("key-events:" + actor.apiKeyId() + ":" + perSecond, limit, events);
        if (!d.allowed()) {
            rejections.rejected(RateLimitRejections.Limit.INGEST_KEY, actor.tier());
            String detail = events > limit.capacity()
                    ? "A batch of " + events + " events is larger than this API key allows at once (" + limit.capacity()
                            + " events: " + perSecond + "/s for " + BURST.toSeconds() + " s); send smaller batches"
                    : "This API key is limited to " + perSecond + " events/s; retry in " + d.retryAfterSeconds() + " s";
            throw d.refusal(detail).with("events_per_second", perSecond);
        }
        d.writeHeaders(response);
    }
}
