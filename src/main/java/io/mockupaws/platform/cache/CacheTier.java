package io.mockupaws.platform.cache;

/**
 * How long an entry may live, by how stale its figures may become. The TTL is the whole promise: an eviction that
 * fails (Redis unreachable for a moment) never keeps a figure wrong for longer than its tier.
 */
public enum CacheTier {
    /** 5 minutes by default ({@code MOCKUPAWS_CACHE_TTL_SHORT}): what changes with traffic and user edits. */
    SHORT,
    /** 1 hour by default ({@code MOCKUPAWS_CACHE_TTL_MEDIUM}): generated files. */
    MEDIUM,
    /** 24 hours by default ({@code MOCKUPAWS_CACHE_TTL_LONG}): the price book, which changes only by import. */
    LONG
}
