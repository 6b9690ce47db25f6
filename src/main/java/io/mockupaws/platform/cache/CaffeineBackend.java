package io.mockupaws.platform.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

/** Every cache in this JVM: bounded by entry count, each entry expiring its tier's TTL after it was written. */
final class CaffeineBackend implements CacheBackend {

    private final Map<CacheName, CaffeineCache> caches = new EnumMap<>(CacheName.class);

    CaffeineBackend(CacheSettings settings) {
        CaffeineCacheManager manager = new CaffeineCacheManager();
        manager.setAllowNullValues(false);
        for (CacheName name : CacheName.values()) {
            manager.registerCustomCache(name.id(), Caffeine.newBuilder()
                    .expireAfterWrite(settings.ttl(name.tier()))
                    .maximumSize(name.maxEntries())
                    .recordStats()
                    .build());
            caches.put(name, (CaffeineCache) manager.getCache(name.id()));
        }
    }

    @Override
    public String kind() {
        return "caffeine";
    }

    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public Cache cache(CacheName name) {
        return caches.get(name);
    }

    @Override
    public Long size(CacheName name) {
        return caches.get(name).getNativeCache().estimatedSize();
    }

    @Override
    public Long evictions(CacheName name) {
        return caches.get(name).getNativeCache().stats().evictionCount();
    }

    @Override
    public Long maxEntries(CacheName name) {
        return name.maxEntries();
    }

    @Override
    public void close() {
        caches.values().forEach(Cache::clear);
    }
}
