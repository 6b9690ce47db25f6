package io.mockupaws.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.mockupaws.support.RedisServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Redis path of the rate limiter against a real redis-server: two limiters — two application instances —
 * draw from one bucket, buckets expire from Redis, MOCKUPAWS_REDIS_URL selects this path, and a Redis outage lets
 * requests through instead of failing them.
 */
class RedisRateLimiterTest {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) redis.close();
    }

    @Test
    void twoInstancesShareOneBucket() {
        try (RedisRateLimiter first = new RedisRateLimiter(redis.url()); RedisRateLimiter second = new RedisRateLimiter(redis.url())) {
            String key = "login:" + UUID.randomUUID();
            RateLimit fivePerMinute = RateLimit.perMinute(5);
            for (int i = 0; i < 3; i++) assertThat(first.consume(key, fivePerMinute).allowed()).isTrue();
            RateLimitDecision fourth = second.consume(key, fivePerMinute);
            assertThat(fourth.allowed()).isTrue();
            assertThat(fourth.remaining()).isEqualTo(1);
            assertThat(second.consume(key, fivePerMinute).allowed()).isTrue();

            RateLimitDecision sixth = first.consume(key, fivePerMinute);
            assertThat(sixth.allowed()).isFalse();
            assertThat(sixth.limit()).isEqualTo(5);
            assertThat(sixth.retryAfterSeconds()).isBetween(1L, 12L);
            assertThat(second.consume(key, fivePerMinute).allowed()).isFalse();
            // another key is another bucket
            assertThat(second.consume(key + "-other", fivePerMinute).allowed()).isTrue();
        }
    }

    @Test
    void aBatchTakesAsManyTokensAsItHasEvents() {
        try (RedisRateLimiter limiter = new RedisRateLimiter(redis.url())) {
            String key = "events:" + UUID.randomUUID();
            RateLimit fiftyPerTenSeconds = new RateLimit(50, Duration.ofSeconds(10));
            assertThat(limiter.consume(key, fiftyPerTenSeconds, 40).remaining()).isEqualTo(10);
            RateLimitDecision over = limiter.consume(key, fiftyPerTenSeconds, 20);
            assertThat(over.allowed()).isFalse();
            assertThat(over.remaining()).isEqualTo(10);
            assertThat(limiter.consume(key, fiftyPerTenSeconds, 10).allowed()).isTrue();
        }
    }

    @Test
    void bucketsExpireFromRedisOnceTheyWouldBeFull() {
        String key = "expiring:" + UUID.randomUUID();
        try (RedisRateLimiter limiter = new RedisRateLimiter(redis.url())) {
            limiter.consume(key, RateLimit.perMinute(5));
        }
        RedisClient client = RedisClient.create(redis.url());
        try (var connection = client.connect()) {
            long ttl = connection.sync().pttl("mockupaws:ratelimit:" + key);
            assertThat(ttl).as("milliseconds to live").isBetween(1L, Duration.ofSeconds(30).toMillis());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theRedisUrlSelectsTheRedisLimiterAndItSharesBucketsWithOtherInstances() {
        ApplicationContextRunner app = new ApplicationContextRunner().withUserConfiguration(RateLimitConfig.class)
                .withPropertyValues("mockupaws.rate-limit.auth=5", "mockupaws.rate-limit.api-keys=10",
                        "mockupaws.rate-limit.free=100", "mockupaws.rate-limit.premium=1000", "mockupaws.rate-limit.enterprise=10000");
        app.run(ctx -> assertThat(ctx.getBean(RateLimiter.class)).isInstanceOf(InMemoryRateLimiter.class));
        app.withPropertyValues("mockupaws.redis.url=" + redis.url()).run(ctx -> {
            RateLimiter inApp = ctx.getBean(RateLimiter.class);
            assertThat(inApp).isInstanceOf(RedisRateLimiter.class);
            String key = "shared:" + UUID.randomUUID();
            RateLimit two = RateLimit.perMinute(2);
            try (RedisRateLimiter otherInstance = new RedisRateLimiter(redis.url())) {
                assertThat(inApp.consume(key, two).allowed()).isTrue();
                assertThat(otherInstance.consume(key, two).allowed()).isTrue();
                assertThat(inApp.consume(key, two).allowed()).isFalse();
            }
        });
    }

    @Test
    void whenRedisIsDownRequestsAreLetThrough() throws Exception {
        RedisServer shortLived = RedisServer.start();
        try (RedisRateLimiter limiter = new RedisRateLimiter(shortLived.url())) {
            assertThat(limiter.consume("k", RateLimit.perMinute(1)).allowed()).isTrue();
            shortLived.close();
            long start = System.nanoTime();
            RateLimitDecision d = limiter.consume("k", RateLimit.perMinute(1));
            assertThat(d.allowed()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
