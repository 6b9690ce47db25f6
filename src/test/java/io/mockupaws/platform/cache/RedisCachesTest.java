package io.mockupaws.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mockupaws.support.RedisServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis backend against a real redis-server: two instances share entries and versions, entries expire with
 * their tier's TTL in Redis itself, values are the application's JSON and read back equal, foreign or outdated
 * values read as misses, MOCKUPAWS_REDIS_URL selects this backend, and an unreachable Redis costs an answer nothing
 * but the cache.
 */
class RedisCachesTest {

    private static RedisServer redis;
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final CacheSettings TIERS = new CacheSettings(true, null, null, null);

    /** A value like the application caches: a record of records, decimals, instants, lists and maps. */
    record Priced(UUID id, String name, BigDecimal price, Instant at, List<Line> lines, Map<String, BigDecimal> byService) {}

    record Line(String dimension, BigDecimal quantity, BigDecimal amountUsd) {}

    private static final Priced SAMPLE = new Priced(UUID.randomUUID(), "checkout logs", new BigDecimal("0.000000200"),
            Instant.parse("2026-11-24T10:15:30.123456Z"),
            List.of(new Line("input tokens", new BigDecimal("1234567"), new BigDecimal("0.30864175")),
                    new Line("requests", BigDecimal.ONE, new BigDecimal("4E-7"))),
            Map.of("bedrock", new BigDecimal("0.308641"), "sqs", new BigDecimal("0.000000")));

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) redis.close();
    }

    /**
     * An instance whose commands may take 5 s: these tests are about what the instances share, and a command that
     * times out on a busy machine would be answered "as if empty" by design — which would read as a wrong answer.
     */
    private static Caches instance(String url) {
        return new Caches(new RedisBackend(url, TIERS, new CacheValueSerializer(JSON), Duration.ofSeconds(5)), TIERS,
                new SimpleMeterRegistry());
    }

    private static <T> T withRedis(java.util.function.Function<StatefulRedisConnection<String, String>, T> f) {
        RedisClient client = RedisClient.create(redis.url());
        try (var c = client.connect()) {
            return f.apply(c);
        } finally {
            client.shutdown();
        }
    }

    /**
     * A bump outside a transaction is immediate even on a thread where synchronization is switched on without a
     * transaction (a PROPAGATION_SUPPORTS scope, or one a caller forgot to clear): it must not wait for a commit.
     */
    @Test
    void aBumpWithoutATransactionIsImmediateEvenWithStaleSynchronization() {
        boolean initHere = !TransactionSynchronizationManager.isSynchronizationActive();
        if (initHere) TransactionSynchronizationManager.initSynchronization();
        try (Caches caches = instance(redis.url())) {
            String subject = "scenarios-of:" + UUID.randomUUID();
            String v1 = caches.version(subject);
            caches.bump(subject);
            assertThat(caches.version(subject)).isNotEqualTo(v1);
        } finally {
            if (initHere) TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void twoInstancesShareEntriesAndVersions() {
        try (Caches first = instance(redis.url()); Caches second = instance(redis.url())) {
            String key = "k-" + UUID.randomUUID();
            AtomicInteger loads = new AtomicInteger();
            assertThat(first.get(CacheName.SCENARIO_METRICS, key, Priced.class, () -> { loads.incrementAndGet(); return SAMPLE; }))
                    .isEqualTo(SAMPLE);
            assertThat(second.get(CacheName.SCENARIO_METRICS, key, Priced.class, () -> { loads.incrementAndGet(); return null; }))
                    .as("read back from Redis at once, equal to what was written").isEqualTo(SAMPLE);
            assertThat(loads).hasValue(1);

            String subject = "scenarios-of:" + UUID.randomUUID();
            String v1 = first.version(subject);
            assertThat(second.version(subject)).isEqualTo(v1);
            second.bump(subject);
            String v2 = first.version(subject);
            assertThat(v2).isNotEqualTo(v1);
            assertThat(second.version(subject)).isEqualTo(v2);

            first.clear(CacheName.SCENARIO_METRICS);
            assertThat(second.get(CacheName.SCENARIO_METRICS, key, Priced.class, () -> null)).as("cleared for all").isNull();
            assertThat(second.statistics().stream().filter(s -> s.name().equals("scenario-metrics")).findFirst().orElseThrow())
                    .satisfies(s -> {
                        assertThat(s.hits()).isEqualTo(1);
                        assertThat(s.misses()).isEqualTo(1);
                        assertThat(s.size()).isZero();
                        assertThat(s.maxEntries()).as("Redis bounds itself").isNull();
                    });
        }
    }

    @Test
    void entriesCarryTheirTiersTtlInRedisAndTheApplicationsJson() {
        try (Caches caches = instance(redis.url())) {
            String key = "ttl-" + UUID.randomUUID();
            caches.get(CacheName.SCENARIO_LISTS, key, Priced.class, () -> SAMPLE);
            caches.get(CacheName.PRICE_BOOK, key, Priced.class, () -> SAMPLE);
            caches.get(CacheName.REPORT_FILES, key, byte[].class, () -> new byte[] {0, 1, 2, (byte) 255});

            long shortTtl = withRedis(c -> c.sync().pttl("mockupaws:cache:scenario-lists::" + key));
            long longTtl = withRedis(c -> c.sync().pttl("mockupaws:cache:price-book::" + key));
            long mediumTtl = withRedis(c -> c.sync().pttl("mockupaws:cache:report-files::" + key));
            assertThat(shortTtl).isBetween(Duration.ofMinutes(5).minusSeconds(30).toMillis(), Duration.ofMinutes(5).toMillis());
            assertThat(mediumTtl).isBetween(Duration.ofHours(1).minusSeconds(30).toMillis(), Duration.ofHours(1).toMillis());
            assertThat(longTtl).isBetween(Duration.ofHours(24).minusSeconds(30).toMillis(), Duration.ofHours(24).toMillis());

            String stored = withRedis(c -> c.sync().get("mockupaws:cache:scenario-lists::" + key));
            assertThat(stored).startsWith(Priced.class.getName() + " " + RecordShape.fingerprint(Priced.class) + "\n{")
                    .contains("\"by_service\"", "\"amount_usd\":0.0000004", "\"price\":0.000000200")
                    .doesNotContain("E-7");
            assertThat(caches.get(CacheName.REPORT_FILES, key, byte[].class, () -> null)).containsExactly(0, 1, 2, 255);
        }
    }

    @Test
    void aValueThatDoesNotReadBackIsAMissAndIsOverwritten() {
        try (Caches caches = instance(redis.url())) {
            String key = "foreign-" + UUID.randomUUID();
            String redisKey = "mockupaws:cache:scenario-metrics::" + key;
            String type = Priced.class.getName() + " " + RecordShape.fingerprint(Priced.class);
            for (String foreign : List.of("garbage without a type line",
                    "java.lang.ProcessBuilder\n{\"command\":[\"touch\",\"/tmp/pwned\"]}",
                    "java.lang.ProcessBuilder 0011223344556677\n{\"command\":[\"touch\",\"/tmp/pwned\"]}",
                    type + "\n{\"id\":\"not json",
                    type + "\n{\"renamed_field\":1}",
                    Priced.class.getName() + " 0011223344556677\n" + new String(JSON.writeValueAsBytes(SAMPLE), StandardCharsets.UTF_8))) {
                withRedis(c -> c.sync().set(redisKey, foreign));
                assertThat(caches.get(CacheName.SCENARIO_METRICS, key, Priced.class, () -> SAMPLE)).as(foreign).isEqualTo(SAMPLE);
                String now = withRedis(c -> c.sync().get(redisKey));
                assertThat(now).as("overwritten").startsWith(type + "\n{\"id\"");
            }
        }
    }

    @Test
    void onlyOwnRecordsStringsAndBytesCanBeCached() {
        try (Caches caches = instance(redis.url())) {
            assertThatThrownBy(() -> caches.get(CacheName.SCENARIO_LISTS, "k", List.class, List::of))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be cached");
            assertThatThrownBy(() -> caches.get(CacheName.SCENARIO_LISTS, "k", Generic.class, () -> null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(caches.get(CacheName.SCENARIO_LISTS, "s", String.class, () -> "x")).isEqualTo("x");
        }
    }

    record Generic<T>(T value) {}

    @Test
    void anUnreachableRedisIsAnsweredAroundAndRetriedLater() throws Exception {
        RedisServer shortLived = RedisServer.start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Caches caches = new Caches(new RedisBackend(shortLived.url(), TIERS, new CacheValueSerializer(JSON)), TIERS, registry)) {
            assertThat(caches.get(CacheName.SCENARIO_LISTS, "k", String.class, () -> "from the database")).isEqualTo("from the database");
            assertThat(caches.get(CacheName.SCENARIO_LISTS, "k", String.class, () -> "not loaded")).isEqualTo("from the database");
            shortLived.close();

            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                assertThat(caches.get(CacheName.SCENARIO_LISTS, "k", String.class, () -> "loaded again")).isEqualTo("loaded again");
                caches.bump("scenarios-of:" + i);
                assertThat(caches.version("scenarios-of:x")).as("a fresh version: nothing cached can be read").isNotBlank();
            }
            // the first failure pauses the backend: 20 lookups cost one timeout, not twenty
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(RedisBackend.COMMAND_TIMEOUT.multipliedBy(10));
            assertThat(registry.get("mockupaws.cache.errors").tag("backend", "redis").counter().count()).isBetween(1.0, 5.0);
            assertThat(caches.statistics()).isNotEmpty();
        }
    }

    @Test
    void theRedisUrlSelectsTheRedisBackend() {
        ApplicationContextRunner app = new ApplicationContextRunner()
                .withUserConfiguration(CacheConfig.class, Infrastructure.class)
                .withPropertyValues("mockupaws.cache.enabled=true");
        app.run(ctx -> assertThat(ctx.getBean(Caches.class).backend()).isEqualTo("caffeine"));
        app.withPropertyValues("mockupaws.cache.enabled=false")
                .run(ctx -> assertThat(ctx.getBean(Caches.class).backend()).isEqualTo("none"));
        app.withPropertyValues("mockupaws.redis.url=" + redis.url()).run(ctx -> {
            Caches inApp = ctx.getBean(Caches.class);
            assertThat(inApp.backend()).isEqualTo("redis");
            String key = "app-" + UUID.randomUUID();
            inApp.get(CacheName.PRICE_BOOK, key, String.class, () -> "shared");
            try (Caches otherInstance = instance(redis.url())) {
                assertThat(otherInstance.get(CacheName.PRICE_BOOK, key, String.class, () -> "not shared")).isEqualTo("shared");
            }
        });
        assertThat(new String(RedisBackend.redisKey(CacheName.PRICE_BOOK, "a|b"), StandardCharsets.UTF_8))
                .isEqualTo("mockupaws:cache:price-book::a|b");
    }

    @Configuration(proxyBeanMethods = false)
    static class Infrastructure {
        @Bean
        JsonMapper jsonMapper() {
            return JSON;
        }

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
