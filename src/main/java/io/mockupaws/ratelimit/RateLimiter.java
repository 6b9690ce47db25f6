package io.mockupaws.ratelimit;

/**
 * Token buckets by key. In memory on one instance by default; in Redis when {@code MOCKUPAWS_REDIS_URL} is set, so
 * that every instance behind a load balancer draws from the same bucket.
 */
public interface RateLimiter {

    /**
     * Takes {@code tokens} from the bucket {@code key} (created full with {@code limit} on first use). The limit is
     * part of the bucket's identity: callers put it in the key when it can change (a user's tier), so a new limit
     * takes effect at once instead of when an old bucket expires.
     */
    RateLimitDecision consume(String key, RateLimit limit, long tokens);

    default RateLimitDecision consume(String key, RateLimit limit) {
        return consume(key, limit, 1);
    }
}
