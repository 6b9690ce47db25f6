package io.mockupaws.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code mockupaws.ratelimit.rejections}: requests refused with 429, by the limit that refused them and the tier of
 * the user it counted against. Both tags have a handful of values; every combination that can occur is registered
 * at zero, so a first refusal shows in {@code rate()} and on the dashboard at once.
 */
@Component
public class RateLimitRejections {

    /** Which limit refused: the tag {@code limit}. */
    public enum Limit {
        /** A user's general API requests per minute, by tier. */
        TIER("tier"),
        /** API-key management, per user. */
        API_KEYS("api-keys"),
        /** An authentication endpoint, per client IP or account: before anyone is known, so tier {@code none}. */
        AUTH("auth"),
        /** An API key's own events per second on ingest. */
        INGEST_KEY("ingest-key");

        final String tag;

        Limit(String tag) {
            this.tag = tag;
        }
    }

    static final String NO_TIER = "none";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RateLimitRejections(MeterRegistry registry) {
        this.registry = registry;
        for (Tier tier : Tier.values()) {
            for (Limit limit : new Limit[] {Limit.TIER, Limit.API_KEYS, Limit.INGEST_KEY}) counter(limit, tier.wire());
        }
        counter(Limit.AUTH, NO_TIER);
    }

    /** One refused request; {@code tier} null when nobody is known yet (authentication endpoints). */
    public void rejected(Limit limit, Tier tier) {
        counter(limit, tier == null ? NO_TIER : tier.wire()).increment();
    }

    private Counter counter(Limit limit, String tier) {
        return counters.computeIfAbsent(limit.tag + "/" + tier, k -> Counter.builder("mockupaws.ratelimit.rejections")
                .tag("limit", limit.tag).tag("tier", tier)
                .description("Requests refused with 429, by the limit that refused them and the user's tier")
                .register(registry));
    }
}
