package io.mockupaws.ops.benchmark;

import io.mockupaws.ops.benchmark.BenchmarkQuery.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The statements the benchmark times. Where the application has the statement, this is its text as the repository
 * sends it (ScenarioRepository's list and count, StoredEventRepository's listing, ApiKeyRepository's live-key count):
 * PerformanceIndexesTest holds the two together, so a changed repository statement fails the build until the
 * benchmark measures the new one. The others are the shapes the issue names (a page with its relations, the
 * analytics aggregates, the PII report, a scenario's reports, the materialized views).
 *
 * <p>Parameters come from the data: the owners with the most scenarios and the ten scenarios nearest the median by
 * events (a typical scenario, not the largest), with windows inside their own traffic.
 */
final class BenchmarkQueries {

    /** ScenarioRepository.COLUMNS */
    static final String SCENARIO_COLUMNS = """
            id, owner_id, name, description, status, region, tags, pipeline, created_at, updated_at,
            started_at, completed_at, archived_at""";
    /** StoredEventRepository.find */
    static final String LOG_COLUMNS = """
            SELECT id, received_at, event_time, source, message_hash, preview, size_bytes, sqs_blocks, token_count, pii_types
            FROM v_scenario_logs_all WHERE scenario_id = ?""";

    private BenchmarkQueries() {}

    record Fixture(UUID scenario, UUID owner, Instant first, Instant last, String source) {}

    static List<BenchmarkQuery> catalogue(Connection c) throws SQLException {
        List<UUID> owners = list(c, """
                SELECT owner_id FROM scenarios GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 5""",
                rs -> uuid(rs, 1));
        List<Fixture> typical = list(c, """
                WITH t AS (SELECT scenario_id, sum(events) AS events FROM scenario_ingest_totals GROUP BY scenario_id),
                     m AS (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY events) AS median FROM t)
                SELECT t.scenario_id, s.owner_id,
                       (SELECT min(minute) FROM scenario_metrics WHERE scenario_id = t.scenario_id) AS first,
                       (SELECT max(minute) FROM scenario_metrics WHERE scenario_id = t.scenario_id) AS last,
                       (SELECT source FROM scenario_source_stats WHERE scenario_id = t.scenario_id AND source <> ''
                        GROUP BY source ORDER BY sum(events) DESC, source LIMIT 1) AS source
                FROM t JOIN scenarios s ON s.id = t.scenario_id, m
                ORDER BY abs(t.events - m.median), t.scenario_id LIMIT 10""",
                rs -> new Fixture(uuid(rs, 1), uuid(rs, 2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getString(5) == null ? "" : rs.getString(5)));
        if (owners.isEmpty() || typical.isEmpty()) {
            throw new IllegalStateException("the database has no scenario traffic to benchmark; run with --seed first");
        }
        String dailyView = viewDefinition(c, "mv_scenario_daily_stats");
        String monthlyView = viewDefinition(c, "mv_monthly_costs")
                .replaceAll("\\bFROM\\s+mv_scenario_daily_stats\\b", "FROM (" + dailyView + ") mv_scenario_daily_stats");

        List<BenchmarkQuery> q = new ArrayList<>();
        String scenarioList = "SELECT " + SCENARIO_COLUMNS + " FROM scenarios WHERE owner_id = ? ";
        String page = " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
        q.add(query("scenario_list", Kind.POINT, "a user's scenarios, default order, first page (ScenarioRepository.list)",
                scenarioList + page, null, each(owners, o -> List.of(o, 20, 0L))));
        q.add(query("scenario_by_status", Kind.POINT, "a user's running scenarios, newest first (list, status=running)",
                scenarioList + "AND status = 'running'" + page, null, each(owners, o -> List.of(o, 20, 0L))));
        q.add(query("scenario_by_region", Kind.POINT, "a user's completed scenarios of one region (list, status+region)",
                scenarioList + "AND status = 'completed' AND region = ?" + page, null,
                each(owners, o -> List.of(o, "us-east-1", 20, 0L))));
        q.add(query("scenario_with_relations", Kind.POINT,
                "a page of scenarios with their traffic totals and reports in one statement (no N+1)", """
                SELECT s.id, s.name, s.status, s.region, s.created_at, t.events, t.bytes, t.last_event_at,
                       r.reports, r.last_report_at
                FROM (SELECT id, name, status, region, created_at FROM scenarios WHERE owner_id = ?
                      ORDER BY created_at DESC, id DESC LIMIT 20) s
                LEFT JOIN LATERAL (SELECT sum(events) AS events, sum(bytes) AS bytes, max(last_event_at) AS last_event_at
                                   FROM scenario_ingest_totals WHERE scenario_id = s.id) t ON true
                LEFT JOIN LATERAL (SELECT count(*) AS reports, max(created_at) AS last_report_at
                                   FROM reports WHERE scenario_id = s.id) r ON true
                ORDER BY s.created_at DESC, s.id DESC""", null, each(owners, List::of)));
        q.add(query("count_by_status", Kind.POINT, "the page count of a status filter (ScenarioRepository.count)",
                "SELECT count(*) FROM scenarios WHERE owner_id = ? AND status = 'running'", null, each(owners, List::of)));
        q.add(query("logs_by_scenario", Kind.POINT, "a scenario's newest stored events, one page (GET .../logs)",
                LOG_COLUMNS + " ORDER BY received_at DESC, id DESC LIMIT ?", null,
                each(typical, f -> List.of(f.scenario(), 51))));
        q.add(query("logs_by_scenario_and_date", Kind.POINT, "the same within a 7-day window (from/to)",
                LOG_COLUMNS + " AND received_at >= ? AND received_at < ? ORDER BY received_at DESC, id DESC LIMIT ?", null,
                each(typical, f -> List.of(f.scenario(), f.last().minus(Duration.ofDays(7)), f.last(), 51))));
        q.add(query("logs_by_source", Kind.POINT, "the same filtered by the scenario's busiest source (source=)",
                LOG_COLUMNS + " AND source = ? ORDER BY received_at DESC, id DESC LIMIT ?", null,
                each(typical, f -> List.of(f.scenario(), f.source(), 51))));
        q.add(query("logs_top_by_size", Kind.POINT, "a scenario's largest events (sort_by=size_bytes)",
                LOG_COLUMNS + " ORDER BY size_bytes DESC, id DESC LIMIT ?", null,
                each(typical, f -> List.of(f.scenario(), 51))));
        q.add(query("logs_aggregate", Kind.AGGREGATE, "events, bytes, blocks, tokens and PII by source over 30 days", """
                SELECT coalesce(source, '') AS source, count(*) AS events, sum(size_bytes) AS bytes,
                       sum(sqs_blocks) AS sqs_blocks, sum(token_count) AS tokens, count(*) FILTER (WHERE has_pii) AS pii_events
                FROM scenario_logs WHERE scenario_id = ? AND received_at >= ? AND received_at < ?
                GROUP BY 1 ORDER BY 2 DESC, 1""", null,
                each(typical, f -> List.of(f.scenario(), f.last().minus(Duration.ofDays(30)), f.last()))));
        q.add(query("pii_detection_query", Kind.AGGREGATE, "PII events per type and day over the scenario's life (PII report)", """
                SELECT date_trunc('day', received_at, 'UTC') AS day, t.pii_type, count(*) AS events
                FROM scenario_logs CROSS JOIN LATERAL unnest(pii_types) AS t(pii_type)
                WHERE scenario_id = ? AND has_pii
                GROUP BY 1, 2 ORDER BY 1, 2""", null, each(typical, f -> List.of(f.scenario()))));
        q.add(query("metrics_time_series", Kind.AGGREGATE, "hourly series of 30 days from the per-minute metrics (shards summed)", """
                SELECT date_trunc('hour', minute, 'UTC') AS hour, sum(events) AS events, sum(bytes) AS bytes,
                       sum(sqs_blocks) AS sqs_blocks, sum(input_tokens) AS input_tokens, sum(pii_events) AS pii_events
                FROM scenario_metrics WHERE scenario_id = ? AND minute >= ? AND minute < ?
                GROUP BY 1 ORDER BY 1""", null,
                each(typical, f -> List.of(f.scenario(), f.last().minus(Duration.ofDays(30)), f.last()))));
        q.add(query("reports_by_scenario", Kind.POINT, "a scenario's reports, newest first", """
                SELECT id, format, status, period_from, period_to, size_bytes, created_at, completed_at
                FROM reports WHERE scenario_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""", null,
                each(typical, f -> List.of(f.scenario(), 20))));
        q.add(query("api_keys_live_count", Kind.POINT, "a user's live API keys (ApiKeyRepository.countActive)", """
                SELECT count(*) FROM api_keys
                WHERE user_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""", null,
                each(owners, List::of)));
        String daily = """
                SELECT day, events, bytes, sqs_blocks, input_tokens, pii_events, invocations, billed_ms
                FROM %s WHERE scenario_id = ? ORDER BY day""";
        q.add(query("materialized_view", Kind.AGGREGATE,
                "a scenario's daily usage over its whole life (mv_scenario_daily_stats; before: its defining query)",
                daily.formatted("mv_scenario_daily_stats"), daily.formatted("(" + dailyView + ") mv"),
                each(typical, f -> List.of(f.scenario()))));
        String monthly = """
                SELECT month, sum(events) AS events, sum(sqs_requests) AS sqs_requests, sum(lambda_requests) AS lambda_requests,
                       sum(lambda_gb_seconds) AS lambda_gb_seconds, sum(bedrock_input_tokens) AS input_tokens,
                       sum(bedrock_output_tokens) AS output_tokens
                FROM %s WHERE owner_id = ? GROUP BY month ORDER BY month""";
        q.add(query("monthly_costs_by_owner", Kind.AGGREGATE,
                "a user's monthly cost drivers across their scenarios (mv_monthly_costs; before: its defining query)",
                monthly.formatted("mv_monthly_costs"), monthly.formatted("(" + monthlyView + ") mv"),
                each(owners, List::of)));
        return q;
    }

    private static BenchmarkQuery query(String name, Kind kind, String description, String sql, String beforeSql,
                                        List<List<Object>> params) {
        return new BenchmarkQuery(name, kind, description, sql, beforeSql, params);
    }

    private static <T> List<List<Object>> each(List<T> items, Function<T, List<Object>> params) {
        return items.stream().map(params).toList();
    }

    private static String viewDefinition(Connection c, String view) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_viewdef(to_regclass(?), true)")) {
            ps.setString(1, view);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String def = rs.getString(1);
                if (def == null) throw new IllegalStateException(view + " does not exist: run `migrate` first");
                return def.strip().replaceAll(";$", "");
            }
        }
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, Row<T> row) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(row.map(rs));
        }
        return out;
    }

    private static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }
}
