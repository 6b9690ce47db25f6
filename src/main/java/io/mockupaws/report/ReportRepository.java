package io.mockupaws.report;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reports} table (V13, V21). Every read a user makes carries the tenant ({@code owner_id = :tenant},
 * null for administrators), so a missing check cannot leak another user's report.
 */
@Repository
class ReportRepository {

    private static final String COLUMNS = """
            id, scenario_id, owner_id, schedule_id, format, status, period_from, period_to, sections, include_logs,
            object_key, size_bytes, sha256, log_rows, error, created_at, started_at, completed_at""";

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Report insert(UUID scenarioId, UUID ownerId, UUID scheduleId, ReportRequests.Options o) {
        return jdbc.sql("""
                        INSERT INTO reports (scenario_id, owner_id, schedule_id, format, period_from, period_to, sections, include_logs)
                        VALUES (:scenario, :owner, :schedule, :format, :from, :to, :sections, :logs)
                        RETURNING""" + " " + COLUMNS)
                .param("scenario", scenarioId).param("owner", ownerId).param("schedule", scheduleId)
                .param("format", o.format().wire).param("from", ts(o.from())).param("to", ts(o.to()))
                .param("sections", o.sections().stream().map(s -> s.wire).toArray(String[]::new))
                .param("logs", o.includeLogs())
                .query(ReportRepository::map).single();
    }

    Optional<Report> find(UUID id, UUID tenant) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reports WHERE id = :id AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)")
                .param("id", id).param("tenant", tenant).query(ReportRepository::map).optional();
    }

    Optional<Report> find(UUID id) {
        return find(id, null);
    }

    List<Report> list(UUID scenarioId, UUID tenant, int page, int pageSize) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM reports WHERE scenario_id = :scenario AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)
                        ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset""")
                .param("scenario", scenarioId).param("tenant", tenant).param("limit", pageSize)
                .param("offset", (long) (page - 1) * pageSize).query(ReportRepository::map).list();
    }

    long count(UUID scenarioId, UUID tenant) {
        return jdbc.sql("SELECT count(*) FROM reports WHERE scenario_id = :scenario AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant)")
                .param("scenario", scenarioId).param("tenant", tenant).query(Long.class).single();
    }

    /** pending (or running: a retry after a crash) → running; empty when the report is gone or already decided. */
    Optional<Report> start(UUID id) {
        return jdbc.sql("UPDATE reports SET status = 'running', started_at = now() WHERE id = :id "
                        + "AND status IN ('pending', 'running') RETURNING " + COLUMNS)
                .param("id", id).query(ReportRepository::map).optional();
    }

    /** false when the report was deleted (or decided) meanwhile: the caller then removes the file it stored. */
    boolean complete(UUID id, String objectKey, long size, byte[] sha256, Long logRows) {
        return jdbc.sql("""
                        UPDATE reports SET status = 'completed', object_key = :key, size_bytes = :size, sha256 = :sha,
                               log_rows = :logs, error = NULL, completed_at = now()
                        WHERE id = :id AND status = 'running'""")
                .param("id", id).param("key", objectKey).param("size", size).param("sha", sha256)
                .param("logs", logRows).update() == 1;
    }

    void fail(UUID id, String error) {
        jdbc.sql("UPDATE reports SET status = 'failed', error = :error, completed_at = now() WHERE id = :id AND status <> 'completed'")
                .param("id", id).param("error", error).update();
    }

    /** A failed attempt that will be retried: pending again, with what went wrong. */
    void retrying(UUID id, String error) {
        jdbc.sql("UPDATE reports SET status = 'pending', error = :error WHERE id = :id AND status = 'running'")
                .param("id", id).param("error", error).update();
    }

    /** The report's row, deleted; its file is the caller's to remove. */
    Optional<Report> delete(UUID id, UUID tenant) {
        return jdbc.sql("DELETE FROM reports WHERE id = :id AND (CAST(:tenant AS uuid) IS NULL OR owner_id = :tenant) RETURNING " + COLUMNS)
                .param("id", id).param("tenant", tenant).query(ReportRepository::map).optional();
    }

    /** Reports still pending since before {@code before}: their job may never have been enqueued. */
    List<UUID> stalePending(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM reports WHERE status = 'pending' AND created_at < :before ORDER BY created_at LIMIT :limit")
                .param("before", Timestamp.from(before)).param("limit", limit).query(UUID.class).list();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Report map(ResultSet rs, int n) throws SQLException {
        Array sections = rs.getArray("sections");
        return new Report(rs.getObject("id", UUID.class), rs.getObject("scenario_id", UUID.class),
                rs.getObject("owner_id", UUID.class), rs.getObject("schedule_id", UUID.class),
                ReportFormat.of(rs.getString("format")), rs.getString("status"), instant(rs, "period_from"),
                instant(rs, "period_to"),
                Arrays.stream((String[]) sections.getArray()).map(ReportSection::of).toList(), rs.getBoolean("include_logs"),
                rs.getString("object_key"), longOrNull(rs, "size_bytes"), rs.getBytes("sha256"), longOrNull(rs, "log_rows"),
                rs.getString("error"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "completed_at"));
    }
}
