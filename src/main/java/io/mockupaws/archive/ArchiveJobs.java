package io.mockupaws.archive;

import io.mockupaws.platform.web.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The run history, {@code archive_jobs}: one row per table per run. */
@Repository
class ArchiveJobs {

    private static final String COLUMNS = """
            id, run_id, type, trigger, status, requested_by, cutoff, batch_size, started_at, finished_at,
            records_archived, bytes_moved, partitions_moved, batches, error""";

    private final JdbcClient jdbc;

    ArchiveJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Called by the holder of the archiver's lock: a job still "running" is one whose process stopped (crash, kill,
     * shutdown) before it finished. What it moved stayed moved; the next run continues from there.
     */
    int failInterrupted() {
        return jdbc.sql("""
                UPDATE archive_jobs SET status = 'failed', finished_at = now(),
                    error = 'interrupted: the archiver stopped before finishing (process ended or lost its database '
                         || 'connection); what it moved is archived, the rest is moved by the next run'
                WHERE status = 'running'""").update();
    }

    UUID start(UUID runId, ArchiveTable table, ArchiveTrigger trigger, UUID requestedBy, int batchSize) {
        return jdbc.sql("""
                        INSERT INTO archive_jobs (run_id, type, trigger, status, requested_by, batch_size)
                        VALUES (:run, :type, :trigger, 'running', :by, :batch) RETURNING id""")
                .param("run", runId).param("type", table.jobType()).param("trigger", trigger.wire())
                .param("by", requestedBy, java.sql.Types.OTHER).param("batch", batchSize)
                .query(UUID.class).single();
    }

    /** The table's turn has come: its own start time and cutoff. */
    void begin(UUID jobId, Instant cutoff) {
        jdbc.sql("UPDATE archive_jobs SET started_at = now(), cutoff = :cutoff WHERE id = :id")
                .param("id", jobId).param("cutoff", Timestamp.from(cutoff)).update();
    }

    /** Adds one step's figures; called inside the step's transaction, so the row and the data commit together. */
    void progress(UUID jobId, long rows, long bytes, int partitions, int batches) {
        jdbc.sql("""
                        UPDATE archive_jobs SET records_archived = records_archived + :rows, bytes_moved = bytes_moved + :bytes,
                               partitions_moved = partitions_moved + :partitions, batches = batches + :batches
                        WHERE id = :id""")
                .param("id", jobId).param("rows", rows).param("bytes", bytes).param("partitions", partitions)
                .param("batches", batches).update();
    }

    void finish(UUID jobId, String error) {
        jdbc.sql("""
                        UPDATE archive_jobs SET status = CASE WHEN :error IS NULL THEN 'completed' ELSE 'failed' END,
                               finished_at = now(), error = :error
                        WHERE id = :id""")
                .param("id", jobId).param("error", error, java.sql.Types.VARCHAR).update();
    }

    void recordSkipped(UUID runId, Collection<ArchiveTable> tables, ArchiveTrigger trigger, UUID requestedBy, String reason) {
        for (ArchiveTable t : tables) {
            jdbc.sql("""
                            INSERT INTO archive_jobs (run_id, type, trigger, status, requested_by, finished_at, error)
                            VALUES (:run, :type, :trigger, 'skipped', :by, now(), :reason)""")
                    .param("run", runId).param("type", t.jobType()).param("trigger", trigger.wire())
                    .param("by", requestedBy, java.sql.Types.OTHER).param("reason", reason).update();
        }
    }

    List<ArchiveJob> run(UUID runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM archive_jobs WHERE run_id = :run ORDER BY started_at, type")
                .param("run", runId).query(ArchiveJobs::map).list();
    }

    Optional<ArchiveJob> running() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM archive_jobs WHERE status = 'running' ORDER BY started_at LIMIT 1")
                .query(ArchiveJobs::map).optional();
    }

    PageResult<ArchiveJob> list(ArchiveTable type, int page, int pageSize) {
        String where = type == null ? "" : " WHERE type = :type";
        var count = jdbc.sql("SELECT count(*) FROM archive_jobs" + where);
        var rows = jdbc.sql("SELECT " + COLUMNS + " FROM archive_jobs" + where
                + " ORDER BY started_at DESC, id LIMIT :limit OFFSET :offset");
        if (type != null) {
            count = count.param("type", type.jobType());
            rows = rows.param("type", type.jobType());
        }
        long total = count.query(Long.class).single();
        List<ArchiveJob> items = rows.param("limit", pageSize).param("offset", (long) (page - 1) * pageSize)
                .query(ArchiveJobs::map).list();
        return new PageResult<>(items, total, page, pageSize);
    }

    /** Per type: whether its last finished run succeeded, and when it last did; for the alerting gauges. */
    record LastResult(Boolean succeeded, Instant lastSuccess) {}

    Map<ArchiveTable, LastResult> lastResults() {
        Map<ArchiveTable, LastResult> results = new EnumMap<>(ArchiveTable.class);
        jdbc.sql("""
                        SELECT t.type,
                               (SELECT status = 'completed' FROM archive_jobs j
                                WHERE j.type = t.type AND j.status IN ('completed', 'failed')
                                ORDER BY finished_at DESC LIMIT 1) AS succeeded,
                               (SELECT max(finished_at) FROM archive_jobs j WHERE j.type = t.type AND j.status = 'completed')
                                   AS last_success
                        FROM (VALUES ('logs'), ('metrics'), ('reports')) AS t(type)""")
                .query(rs -> {
                    ArchiveTable t = ArchiveTable.of(rs.getString("type")).orElseThrow();
                    Timestamp at = rs.getTimestamp("last_success");
                    results.put(t, new LastResult((Boolean) rs.getObject("succeeded"), at == null ? null : at.toInstant()));
                });
        return results;
    }

    private static ArchiveJob map(ResultSet rs, int n) throws SQLException {
        return new ArchiveJob(rs.getObject("id", UUID.class), rs.getObject("run_id", UUID.class), rs.getString("type"),
                rs.getString("trigger"), rs.getString("status"), rs.getObject("requested_by", UUID.class),
                instant(rs, "cutoff"), (Integer) rs.getObject("batch_size"), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getLong("records_archived"), rs.getLong("bytes_moved"),
                rs.getInt("partitions_moved"), rs.getInt("batches"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
