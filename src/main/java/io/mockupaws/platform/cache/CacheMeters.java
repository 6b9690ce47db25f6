package io.mockupaws.platform.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Micrometer's standard cache meters for one cache — {@code cache.gets{result=hit|miss}}, {@code cache.puts},
 * {@code cache.size} and {@code cache.evictions} where the backend knows them — counted where the lookups are made,
 * so Caffeine and Redis export the same series.
 */
final class CacheMeters extends CacheMeterBinder<CacheMeters.Counts> {

    /** This instance's lookups of one cache. */
    static final class Counts {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder puts = new LongAdder();
    }

    private final CacheName name;
    private final CacheBackend backend;

    CacheMeters(Counts counts, CacheName name, CacheBackend backend) {
        super(counts, name.id(), Tags.empty());
        this.name = name;
        this.backend = backend;
    }

    @Override
    protected Long size() {
        return backend.remote() ? null : backend.size(name);
    }

    @Override
    protected long hitCount() {
        return getCache().hits.sum();
    }

    @Override
    protected Long missCount() {
        return getCache().misses.sum();
    }

    @Override
    protected Long evictionCount() {
        return backend.evictions(name);
    }

    @Override
    protected long putCount() {
        return getCache().puts.sum();
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {}
}
