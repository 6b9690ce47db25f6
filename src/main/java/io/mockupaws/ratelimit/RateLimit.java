package io.mockupaws.ratelimit;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} requests (or events) per {@code period}, refilled smoothly ("greedily"), so a
 * client that used its whole minute gets one request back every period/capacity instead of waiting a full minute.
 */
public record RateLimit(long capacity, Duration period) {

    public RateLimit {
        if (capacity < 1) throw new IllegalArgumentException("a rate limit needs a capacity of at least 1");
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("a rate limit needs a positive period");
    }

    public static RateLimit perMinute(long capacity) {
        return new RateLimit(capacity, Duration.ofMinutes(1));
    }

    public static RateLimit perSecond(long capacity) {
        return new RateLimit(capacity, Duration.ofSeconds(1));
    }
}
