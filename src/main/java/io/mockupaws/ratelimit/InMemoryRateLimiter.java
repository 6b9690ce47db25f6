package io.mockupaws.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Buckets in this JVM: right for one instance (the embedded default). An idle bucket is dropped after five
 * minutes — by then it has refilled completely, so forgetting it changes nothing.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(5))
            .maximumSize(1_000_000)
            .build();

    @Override
    public RateLimitDecision consume(String key, RateLimit limit, long tokens) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(BucketDecisions.bandwidth(limit)).build());
        return BucketDecisions.decision(limit, bucket.tryConsumeAndReturnRemaining(tokens));
    }

    /** Forgets every bucket. For tests, which share one application between many independent cases. */
    public void clear() {
        buckets.invalidateAll();
    }
}
