package io.mockupaws.ops.benchmark;

import java.util.List;

/**
 * One statement of the benchmark with the parameter sets it is run with (in turn, so that one run does not just
 * re-read the previous run's pages).
 *
 * @param sql       what runs with the performance migration applied
 * @param beforeSql what runs without it, when that differs (a materialized view is then its defining query)
 * @param target    the p95 the issue asks for: 10 ms for a point or list query, 50 ms for an aggregate
 */
public record BenchmarkQuery(String name, Kind kind, String description, String sql, String beforeSql,
                             List<List<Object>> params) {

    public enum Kind {
        POINT("point/list", 10), AGGREGATE("aggregate", 50);

        public final String label;
        public final int targetMs;

        Kind(String label, int targetMs) {
            this.label = label;
            this.targetMs = targetMs;
        }
    }

    public String sql(Phase phase) {
        return phase == Phase.BEFORE && beforeSql != null ? beforeSql : sql;
    }
}
