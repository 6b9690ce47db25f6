package io.mockupaws.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Bucket4j's configuration and answers, in this module's terms; shared by the in-memory and the Redis limiter. */
final class BucketDecisions {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private BucketDecisions() {}

    static Bandwidth bandwidth(RateLimit limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build();
    }

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    static RateLimitDecision decision(RateLimit limit, ConsumptionProbe probe) {
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) return new RateLimitDecision(true, limit.capacity(), probe.getRemainingTokens(), reset, 0);
        // A request for more tokens than the bucket holds can never pass; report a full period rather than "forever".
        long wait = probe.getNanosToWaitForRefill();
        long retryAfter = wait == Long.MAX_VALUE ? limit.period().toSeconds() : Math.max(1, seconds(wait));
        return new RateLimitDecision(false, limit.capacity(), probe.getRemainingTokens(), reset, retryAfter);
    }

    /** Whole seconds, rounded up: a client told "0" would retry at once and be refused again. */
    private static long seconds(long nanos) {
        if (nanos <= 0) return 0;
        return nanos / NANOS_PER_SECOND + (nanos % NANOS_PER_SECOND == 0 ? 0 : 1);
    }
}
