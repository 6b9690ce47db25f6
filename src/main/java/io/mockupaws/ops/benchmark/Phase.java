package io.mockupaws.ops.benchmark;

/** The schema a benchmark run measures. */
public enum Phase {
    /**
     * Without the performance migration: V15 and V14 undone by their down-scripts inside a transaction that is rolled
     * back after the run, so nothing is rebuilt and nothing can be left half-undone.
     */
    BEFORE,
    /** With it, as migrated, the materialized views refreshed first. */
    AFTER;

    public String label() {
        return name().toLowerCase();
    }
}
