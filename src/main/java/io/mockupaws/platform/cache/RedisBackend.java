package io.mockupaws.platform.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.cache.Cache;
import org.springframework.data.redis.cache.BatchStrategies;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * Every cache in Redis, shared by every instance: an eviction or a version bump by one instance is seen by all.
 * Spring Data Redis's cache on Lettuce, the client the rate limiter uses, from the same {@code MOCKUPAWS_REDIS_URL}.
 * Keys are {@code mockupaws:cache:<cache>::<key>}, each written with its tier's TTL (Redis expires it, so an entry
 * that no eviction reaches still dies on time).
 *
 * <p>Commands time out after 500 ms and fail at once while the connection is down, so an unreachable Redis costs a
 * request little: {@link Caches} then answers from the database.
 */
final class RedisBackend implements CacheBackend {

    static final String PREFIX = "mockupaws:cache:";
    static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

    private final LettuceConnectionFactory connections;
    private final Map<CacheName, Cache> caches = new EnumMap<>(CacheName.class);

    RedisBackend(String url, CacheSettings settings, CacheValueSerializer values) {
        this(url, settings, values, COMMAND_TIMEOUT);
    }

    /** With another command timeout: tests on a busy machine, where 500 ms is sometimes a GC pause away. */
    RedisBackend(String url, CacheSettings settings, CacheValueSerializer values, Duration commandTimeout) {
        RedisURI uri = RedisURI.create(url);
        LettuceClientConfiguration client = LettuceClientConfiguration.builder().apply(uri)
                .commandTimeout(commandTimeout)
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        connections = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
        connections.afterPropertiesSet();
        connections.start();
        Map<String, RedisCacheConfiguration> configs = new LinkedHashMap<>();
        for (CacheName name : CacheName.values()) {
            configs.put(name.id(), RedisCacheConfiguration.defaultCacheConfig()
                    .entryTtl(settings.ttl(name.tier()))
                    .disableCachingNullValues()
                    .computePrefixWith(cache -> prefix(cache))
                    .serializeValuesWith(SerializationPair.fromSerializer(values)));
        }
        // SCAN, not KEYS, when a cache is cleared: KEYS blocks Redis for every other client while it runs.
        // Immediate writes: Spring Data Redis 4 otherwise sends put and evict without waiting for them, and a version
        // bump must be in Redis before the change it follows is answered, or another instance (or the next request)
        // still reads the old version. An entry must likewise be readable by the next lookup, anywhere.
        RedisCacheManager manager = RedisCacheManager.builder(RedisCacheWriter.create(connections,
                        writer -> writer.batchStrategy(BatchStrategies.scan(1000)).immediateWrites()))
                .withInitialCacheConfigurations(configs)
                .disableCreateOnMissingCache()
                .build();
        manager.afterPropertiesSet();
        for (CacheName name : CacheName.values()) caches.put(name, manager.getCache(name.id()));
    }

    static String prefix(String cache) {
        return PREFIX + cache + "::";
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public Cache cache(CacheName name) {
        return caches.get(name);
    }

    @Override
    public Long size(CacheName name) {
        ScanOptions match = ScanOptions.scanOptions().match(prefix(name.id()) + "*").count(1000).build();
        try (RedisConnection c = connections.getConnection(); Cursor<byte[]> keys = c.keyCommands().scan(match)) {
            long n = 0;
            while (keys.hasNext()) {
                keys.next();
                n++;
            }
            return n;
        }
    }

    @Override
    public Long evictions(CacheName name) {
        return null;
    }

    @Override
    public Long maxEntries(CacheName name) {
        return null;
    }

    /** The raw key of an entry, for tests and operators reading Redis directly. */
    static byte[] redisKey(CacheName name, String key) {
        return (prefix(name.id()) + key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        connections.destroy();
    }
}
