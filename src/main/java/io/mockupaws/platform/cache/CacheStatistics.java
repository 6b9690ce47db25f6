package io.mockupaws.platform.cache;

/**
 * One cache as the admin endpoint shows it. Hits and misses are this instance's since it started (with Redis, other
 * instances count their own); the size is the cache's, wherever it lives.
 *
 * @param hitRatio   hits / (hits + misses), null before the first lookup
 * @param size       entries held now (Caffeine: an estimate that may still count expired entries), null if unknown
 * @param maxEntries the bound on entries in this JVM, null when Redis holds them (its maxmemory bounds them)
 * @param evictions  entries dropped by the bound or by expiry, null when the backend does not count them
 */
public record CacheStatistics(String name, String tier, long ttlSeconds, long hits, long misses,
                              Double hitRatio, Long size, Long maxEntries, Long evictions) {}
