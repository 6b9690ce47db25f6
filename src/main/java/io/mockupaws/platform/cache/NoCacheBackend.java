package io.mockupaws.platform.cache;

import org.springframework.cache.Cache;
import org.springframework.cache.support.NoOpCache;

/** {@code MOCKUPAWS_CACHE_ENABLED=false}: every lookup misses and nothing is kept. */
final class NoCacheBackend implements CacheBackend {

    @Override
    public String kind() {
        return "none";
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public Cache cache(CacheName name) {
        return new NoOpCache(name.id());
    }

    @Override
    public Long size(CacheName name) {
        return 0L;
    }

    @Override
    public Long evictions(CacheName name) {
        return null;
    }

    @Override
    public Long maxEntries(CacheName name) {
        return 0L;
    }

    @Override
    public void close() {}
}
