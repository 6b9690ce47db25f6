package io.mockupaws.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configured limits (requests per minute). Ingest is deliberately absent: profiling real traffic at full rate
 * is the point of the product, so only an API key's own optional events/s limit applies there.
 *
 * @param auth       each authentication endpoint, per client IP and, separately, per account
 * @param apiKeys    API-key management, per user
 * @param free       general API, per user on the free tier
 * @param premium    general API, per user on the premium tier
 * @param enterprise general API, per user on the enterprise tier
 */
@ConfigurationProperties("mockupaws.rate-limit")
public record RateLimitSettings(long auth, long apiKeys, long free, long premium, long enterprise) {

    public RateLimitSettings {
        for (long v : new long[] {auth, apiKeys, free, premium, enterprise}) {
            if (v < 1) throw new IllegalArgumentException("every mockupaws.rate-limit.* must be at least 1 request per minute");
        }
    }

    public RateLimit authLimit() {
        return RateLimit.perMinute(auth);
    }

    public RateLimit apiKeyManagementLimit() {
        return RateLimit.perMinute(apiKeys);
    }

    public RateLimit forTier(Tier tier) {
        return RateLimit.perMinute(switch (tier) {
            case FREE -> free;
            case PREMIUM -> premium;
            case ENTERPRISE -> enterprise;
        });
    }
}
