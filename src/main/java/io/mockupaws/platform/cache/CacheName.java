package io.mockupaws.platform.cache;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every cache of mockupAWS, in one list: its name (the {@code cache} tag of its metrics, the segment of
 * {@code DELETE /api/v1/admin/cache/{name}}, the Redis key prefix), its tier, and how many entries it may hold in
 * this JVM (Caffeine; Redis is bounded by its own {@code maxmemory}).
 *
 * <p>Entry bounds follow entry sizes: a scenario-list page is a few kilobytes; a metrics answer with a 30-day hourly
 * series is about half a megabyte on the heap, so that cache holds fewer.
 */
public enum CacheName {

    /** Scenario list pages (v1 and v2), per tenant. */
    SCENARIO_LISTS("scenario-lists", CacheTier.SHORT, 2_000),
    /** Insights of a scenario: /metrics, /estimate and /projection answers. */
    SCENARIO_METRICS("scenario-metrics", CacheTier.SHORT, 128),
    /** Generated report files (PDF, CSV), for the reports module. */
    REPORT_FILES("report-files", CacheTier.MEDIUM, 64),
    /** Price rows by region and variants, and the Bedrock models. */
    PRICE_BOOK("price-book", CacheTier.LONG, 1_000),
    /** The version tokens of {@link Caches#version}: tiny, and many. */
    VERSIONS("cache-versions", CacheTier.LONG, 100_000);

    private final String id;
    private final CacheTier tier;
    private final long maxEntries;

    CacheName(String id, CacheTier tier, long maxEntries) {
        this.id = id;
        this.tier = tier;
        this.maxEntries = maxEntries;
    }

    public String id() {
        return id;
    }

    public CacheTier tier() {
        return tier;
    }

    public long maxEntries() {
        return maxEntries;
    }

    public static Optional<CacheName> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
