package io.mockupaws.platform.cache;

import org.springframework.cache.Cache;

/** Where the entries live: Caffeine in this JVM, Redis shared by every instance, or nowhere (caching off). */
interface CacheBackend extends AutoCloseable {

    /** {@code caffeine}, {@code redis} or {@code none}: what the admin endpoint reports. */
    String kind();

    /** True when the entries are across a network, which can fail. */
    boolean remote();

    Cache cache(CacheName name);

    /** Entries held now, or null when the backend cannot tell. Redis counts by scanning: for the admin endpoint only. */
    Long size(CacheName name);

    /** Entries dropped to stay within bounds or by expiry, or null when the backend does not count them. */
    Long evictions(CacheName name);

    /** The bound on entries this backend enforces itself, or null (Redis: its own maxmemory). */
    Long maxEntries(CacheName name);

    @Override
    void close();
}
