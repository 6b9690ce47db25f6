package io.mockupaws.platform.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.mockupaws.platform.AfterTransaction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.cache.Cache;

/**
 * The caches of mockupAWS (see {@link CacheName}), through Spring's {@link Cache} abstraction: Caffeine or Redis
 * behind the same calls.
 *
 * <p><b>Lookups</b> ({@link #get}) load on a miss and keep what they loaded for the tier's TTL. A backend that fails
 * is answered around (see {@link BackendGuard}): the cache can make a request faster, never fail it.
 *
 * <p><b>Versions</b> ({@link #version}, {@link #bump}) invalidate a family of entries whose keys are not all known —
 * every page of a user's scenario list, say. A caller puts {@code version("scenarios-of:" + owner)} in each key;
 * {@code bump} after a change drops the version, the next lookup draws a new one, and every entry under the old one
 * becomes unreachable at once (and expires on its own). A bump inside a transaction happens after it commits: a
 * reader that drew the old version and read the database before the commit can only store its answer under the
 * old version, which nobody asks for any more.
 */
public final class Caches implements AutoCloseable {

    private final CacheBackend backend;
    private final CacheSettings settings;
    private final BackendGuard guard;
    private final Map<CacheName, CacheMeters.Counts> counts = new EnumMap<>(CacheName.class);

    Caches(CacheBackend backend, CacheSettings settings, MeterRegistry registry) {
        this.backend = backend;
        this.settings = settings;
        this.guard = new BackendGuard(backend.kind(), backend.remote(), registry);
        for (CacheName name : CacheName.values()) {
            CacheMeters.Counts c = new CacheMeters.Counts();
            counts.put(name, c);
            new CacheMeters(c, name, backend).bindTo(registry);
        }
    }

    /**
     * The cached value of {@code key}, or what {@code load} returns (then cached; null is returned but not cached).
     * Exceptions of {@code load} pass through and nothing is cached.
     *
     * @param type a record of mockupAWS without type parameters, String or byte[] (see {@link CacheableTypes})
     */
    public <V> V get(CacheName name, String key, Class<V> type, Supplier<V> load) {
        CacheableTypes.check(type);
        Cache cache = backend.cache(name);
        CacheMeters.Counts c = counts.get(name);
        Object cached = guard.call(() -> {
            Cache.ValueWrapper w = cache.get(key);
            return w == null ? null : w.get();
        }, null);
        if (type.isInstance(cached)) {
            c.hits.increment();
            return type.cast(cached);
        }
        c.misses.increment();
        V value = load.get();
        if (value != null) {
            guard.run(() -> cache.put(key, value));
            c.puts.increment();
        }
        return value;
    }

    public void evict(CacheName name, String key) {
        guard.run(() -> backend.cache(name).evict(key));
    }

    /** Drops every entry of {@code name}, visibly to the next lookup (Spring's clear() may be deferred; this is not). */
    public void clear(CacheName name) {
        guard.run(() -> backend.cache(name).invalidate());
    }

    public void clearAll() {
        for (CacheName name : CacheName.values()) clear(name);
    }

    /** The current version token of {@code subject}; a new one is drawn (and shared) when it has none. */
    public String version(String subject) {
        Cache versions = backend.cache(CacheName.VERSIONS);
        CacheMeters.Counts c = counts.get(CacheName.VERSIONS);
        Object current = guard.call(() -> {
            Cache.ValueWrapper w = versions.get(subject);
            return w == null ? null : w.get();
        }, null);
        if (current instanceof String v) {
            c.hits.increment();
            return v;
        }
        c.misses.increment();
        String fresh = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        // putIfAbsent: of two instances drawing at once, both end up with the same version
        Object winner = guard.call(() -> {
            Cache.ValueWrapper w = versions.putIfAbsent(subject, fresh);
            return w == null ? null : w.get();
        }, null);
        c.puts.increment();
        return winner instanceof String v ? v : fresh;
    }

    /**
     * Makes every entry keyed with the current version of each subject unreachable: now, or, inside a transaction,
     * once it has committed (not at all if it rolls back).
     */
    public void bump(String... subjects) {
        AfterTransaction.afterCommit(() -> {
            for (String s : subjects) evict(CacheName.VERSIONS, s);
        });
    }

    /** {@code caffeine}, {@code redis} or {@code none}. */
    public String backend() {
        return backend.kind();
    }

    public List<CacheStatistics> statistics() {
        List<CacheStatistics> all = new ArrayList<>();
        for (CacheName name : CacheName.values()) {
            CacheMeters.Counts c = counts.get(name);
            long hits = c.hits.sum();
            long misses = c.misses.sum();
            Double ratio = hits + misses == 0 ? null : Math.round(10_000.0 * hits / (hits + misses)) / 10_000.0;
            all.add(new CacheStatistics(name.id(), name.tier().name().toLowerCase(java.util.Locale.ROOT),
                    settings.ttl(name.tier()).toSeconds(), hits, misses, ratio,
                    guard.call(() -> backend.size(name), null), backend.maxEntries(name), backend.evictions(name)));
        }
        return all;
    }

    @Override
    public void close() {
        backend.close();
    }
}
