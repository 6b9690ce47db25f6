package io.mockupaws.platform.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mockupaws.cache.*}: whether to cache at all, and the TTL of each tier.
 *
 * @param enabled false: every lookup goes to the database (for measuring what the cache saves, or ruling it out)
 */
@ConfigurationProperties("mockupaws.cache")
public record CacheSettings(boolean enabled, Duration ttlShort, Duration ttlMedium, Duration ttlLong) {

    public CacheSettings {
        if (ttlShort == null) ttlShort = Duration.ofMinutes(5);
        if (ttlMedium == null) ttlMedium = Duration.ofHours(1);
        if (ttlLong == null) ttlLong = Duration.ofHours(24);
        for (Duration d : new Duration[] {ttlShort, ttlMedium, ttlLong}) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("every mockupaws.cache.ttl-* must be positive");
        }
    }

    public Duration ttl(CacheTier tier) {
        return switch (tier) {
            case SHORT -> ttlShort;
            case MEDIUM -> ttlMedium;
            case LONG -> ttlLong;
        };
    }
}
