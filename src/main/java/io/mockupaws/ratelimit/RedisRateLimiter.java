package io.mockupaws.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in Redis, shared by every instance. Bucket4j updates a bucket with compare-and-swap, so two instances
 * drawing from one bucket at once cannot both take its last token. A bucket expires from Redis once it would have
 * refilled completely.
 *
 * <p>When Redis does not answer, requests are let through (and a warning is logged at most every 30 s): the limits
 * protect the service, and refusing all traffic because the limiter's store is down would be the larger outage.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final String PREFIX = "mockupaws:ratelimit:";

    private final RedisClient client;
    private final ProxyManager<byte[]> buckets;
    private final AtomicLong lastWarning = new AtomicLong();

    public RedisRateLimiter(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.buckets = Bucket4jLettuce.casBasedBuilder(client)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(Duration.ofSeconds(1))
                .build();
    }

    @Override
    public RateLimitDecision consume(String key, RateLimit limit, long tokens) {
        try {
            var bucket = buckets.builder().build((PREFIX + key).getBytes(StandardCharsets.UTF_8),
                    () -> BucketDecisions.configuration(limit));
            return BucketDecisions.decision(limit, bucket.tryConsumeAndReturnRemaining(tokens));
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last > Duration.ofSeconds(30).toNanos() && lastWarning.compareAndSet(last, now)) {
                log.warn("Rate limiter: Redis did not answer ({}); letting requests through until it does", e.toString());
            }
            return new RateLimitDecision(true, limit.capacity(), limit.capacity(), 0, 0);
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
