package io.mockupaws.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the slow-query log and pg_stat_statements, and keeps the log's retention. */
@Repository
public class QueryInsights {

    private static final Logger log = LoggerFactory.getLogger(QueryInsights.class);
    private final JdbcClient jdbc;
    private final int retentionDays;
    private final MaintenanceRuns runs;

    QueryInsights(JdbcClient jdbc, Environment env, MaintenanceRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.retentionDays = env.getProperty("mockupaws.slow-query.retention-days", Integer.class, 7);
    }

    public record SlowQueryGroup(String sqlHash, String sql, long count, double maxMs, double avgMs, double p95Ms,
                                 Instant lastSeen, List<String> origins) {}

    public List<SlowQueryGroup> slowQueries(Instant since, int limit) {
        return jdbc.sql("""
                        SELECT sql_hash, min(sql_text) AS sql, count(*) AS n, max(duration_ms) AS max_ms,
                               avg(duration_ms) AS avg_ms,
                               percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95_ms,
                               max(logged_at) AS last_seen,
                               array_remove(array_agg(DISTINCT origin), NULL) AS origins
                        FROM query_performance_log WHERE logged_at >= :since
                        GROUP BY sql_hash ORDER BY max(duration_ms) DESC LIMIT :limit""")
                .param("since", Timestamp.from(since)).param("limit", limit)
                .query((rs, n) -> new SlowQueryGroup(rs.getString("sql_hash"), rs.getString("sql"), rs.getLong("n"),
                        rs.getDouble("max_ms"), rs.getDouble("avg_ms"), rs.getDouble("p95_ms"),
                        rs.getTimestamp("last_seen").toInstant(),
                        List.of((String[]) rs.getArray("origins").getArray())))
                .list();
    }

    public record TopQuery(String query, long calls, double totalMs, double meanMs, double maxMs, long rows) {}

    public record TopQueries(boolean available, String reason, List<TopQuery> queries) {}

    public TopQueries topQueries(String orderBy, int limit) {
        if (!statementsAvailable()) {
            return new TopQueries(false, "pg_stat_statements is not installed in this database (it needs "
                    + "shared_preload_libraries = 'pg_stat_statements'; the embedded server has it)", List.of());
        }
        String order = orderBy.equals("mean") ? "mean_exec_time" : orderBy.equals("calls") ? "calls" : "total_exec_time";
        var rows = jdbc.sql("""
                        SELECT query, calls, total_exec_time, mean_exec_time, max_exec_time, rows
                        FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                        ORDER BY %s DESC LIMIT :limit""".formatted(order))
                .param("limit", limit)
                .query((rs, n) -> new TopQuery(rs.getString("query"), rs.getLong("calls"), rs.getDouble("total_exec_time"),
                        rs.getDouble("mean_exec_time"), rs.getDouble("max_exec_time"), rs.getLong("rows")))
                .list();
        return new TopQueries(true, null, rows);
    }

    private boolean statementsAvailable() {
        return jdbc.sql("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'").query(Long.class).single() > 0;
    }

    /**
     * pg_stat_statements needs CREATE EXTENSION by a superuser: done here rather than in a migration, because an
     * external server may not allow it, and mockupAWS must still start there.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void enableStatementStatistics() {
        try {
            if (!statementsAvailable()) jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
        } catch (RuntimeException e) {
            log.info("pg_stat_statements not available ({}); /api/v1/admin/top-queries will say so", e.getMessage());
        }
    }

    /** Run hourly by {@link SlowQueryRetention}. */
    public int applyRetention() {
        return runs.run("slow-query-retention", () -> jdbc.sql(
                        "DELETE FROM query_performance_log WHERE logged_at < now() - make_interval(days => :days)")
                .param("days", retentionDays).update());
    }

    Map<String, Object> counts() {
        return Map.of("rows", jdbc.sql("SELECT count(*) FROM query_performance_log").query(Long.class).single());
    }
}
