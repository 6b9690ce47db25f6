package io.mockupaws.ops.backup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * backup_history: a row is inserted when a run starts ({@code running}) and completed or failed when it ends, so a
 * run that dies with its process stays visible as {@code running} with its start time.
 *
 * <p>A restore may run against a database that is damaged or older than this table. Such a history is
 * {@linkplain #bestEffort best effort}: a write that fails is logged and skipped, never failing the restore.
 */
public class BackupHistory {

    private static final Logger log = LoggerFactory.getLogger(BackupHistory.class);

    private final JdbcClient jdbc;
    private final boolean bestEffort;

    private BackupHistory(JdbcClient jdbc, boolean bestEffort) {
        this.jdbc = jdbc;
        this.bestEffort = bestEffort;
    }

    public static BackupHistory of(JdbcClient jdbc) {
        return new BackupHistory(jdbc, false);
    }

    public static BackupHistory bestEffort(JdbcClient jdbc) {
        return new BackupHistory(jdbc, true);
    }

    /** For a process with no database (a point-in-time restore records into the database it restores). */
    static BackupHistory none() {
        return new BackupHistory(null, true);
    }

    void started(UUID id, BackupKind kind, BackupTrigger trigger, Instant startedAt, String store) {
        write(() -> jdbc.sql("""
                        INSERT INTO backup_history (id, kind, status, trigger, started_at, store)
                        VALUES (:id, :kind, 'running', :trigger, :startedAt, :store)""")
                .param("id", id).param("kind", kind.label()).param("trigger", trigger.label())
                .param("startedAt", Timestamp.from(startedAt)).param("store", store)
                .update());
    }

    void completed(BackupMetadata m) {
        write(() -> jdbc.sql("""
                        UPDATE backup_history
                        SET status = 'completed', finished_at = :finishedAt, size_bytes = :size, sha256 = :sha256,
                            object_key = :objectKey, server_version = :serverVersion, start_lsn = :startLsn::pg_lsn,
                            end_lsn = :endLsn::pg_lsn, start_wal_file = :startWalFile, key_fingerprint = :fingerprint
                        WHERE id = :id""")
                .param("id", m.id()).param("finishedAt", Timestamp.from(m.finishedAt())).param("size", m.sizeBytes())
                .param("sha256", m.sha256()).param("objectKey", m.objectKey()).param("serverVersion", m.serverVersion())
                .param("startLsn", m.startLsn()).param("endLsn", m.endLsn()).param("startWalFile", m.startWalFile())
                .param("fingerprint", m.keyFingerprint())
                .update());
    }

    void failed(UUID id, Instant finishedAt, String error) {
        write(() -> jdbc.sql("""
                        UPDATE backup_history SET status = 'failed', finished_at = :finishedAt, error = :error WHERE id = :id""")
                .param("id", id).param("finishedAt", Timestamp.from(finishedAt)).param("error", error)
                .update());
    }

    void verified(UUID id, Instant at, String error) {
        write(() -> jdbc.sql("""
                        UPDATE backup_history
                        SET verified_at = CASE WHEN :error::text IS NULL THEN :at ELSE verified_at END, verify_error = :error
                        WHERE id = :id""")
                .param("id", id).param("at", Timestamp.from(at)).param("error", error)
                .update());
    }

    void deleted(Collection<UUID> ids, Instant at) {
        if (ids.isEmpty()) return;
        write(() -> jdbc.sql("UPDATE backup_history SET deleted_at = :at WHERE id IN (:ids) AND deleted_at IS NULL")
                .param("at", Timestamp.from(at)).param("ids", List.copyOf(ids))
                .update());
    }

    /**
     * Records a backup taken elsewhere as completed: the safety backup of a database a restore replaced, whose own
     * history was dropped with it, is recorded in the restored one.
     */
    void recordCompleted(BackupMetadata m, String store) {
        write(() -> jdbc.sql("""
                        INSERT INTO backup_history (id, kind, status, trigger, started_at, store)
                        VALUES (:id, :kind, 'running', :trigger, :startedAt, :store)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", m.id()).param("kind", m.kind().label()).param("trigger", m.trigger().label())
                .param("startedAt", Timestamp.from(m.startedAt())).param("store", store)
                .update());
        completed(m);
    }

    void restored(UUID id, BackupMetadata source, String target, Instant targetTime, Instant startedAt,
                  Instant finishedAt, String store) {
        write(() -> jdbc.sql("""
                        INSERT INTO backup_history (id, kind, status, trigger, started_at, finished_at, size_bytes, sha256,
                                                    object_key, store, server_version, key_fingerprint, source_backup,
                                                    target, target_time)
                        VALUES (:id, 'restore', 'completed', 'manual', :startedAt, :finishedAt, :size, :sha256, :objectKey,
                                :store, :serverVersion, :fingerprint, :source, :target, :targetTime)""")
                .param("id", id).param("startedAt", Timestamp.from(startedAt))
                .param("finishedAt", Timestamp.from(finishedAt)).param("size", source.sizeBytes())
                .param("sha256", source.sha256()).param("objectKey", source.objectKey()).param("store", store)
                .param("serverVersion", source.serverVersion()).param("fingerprint", source.keyFingerprint())
                .param("source", source.id()).param("target", target)
                .param("targetTime", targetTime == null ? null : Timestamp.from(targetTime))
                .update());
    }

    /** The newest runs first. */
    public List<BackupRun> list(int limit) {
        if (jdbc == null) return List.of();
        return jdbc.sql("SELECT * FROM backup_history ORDER BY started_at DESC, id DESC LIMIT :limit")
                .param("limit", limit)
                .query(BackupHistory::row)
                .list();
    }

    private void write(Runnable statement) {
        if (jdbc == null) return;
        try {
            statement.run();
        } catch (DataAccessException e) {
            if (!bestEffort) throw e;
            log.warn("Could not record the run in backup_history (the database may be older or damaged): {}", e.getMessage());
        }
    }

    private static BackupRun row(ResultSet rs, int n) throws SQLException {
        return new BackupRun(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("status"),
                rs.getString("trigger"), instant(rs, "started_at"), instant(rs, "finished_at"),
                (Long) rs.getObject("size_bytes"), rs.getString("sha256"), rs.getString("object_key"),
                rs.getString("store"), rs.getString("server_version"), rs.getString("start_lsn"),
                rs.getString("end_lsn"), rs.getString("start_wal_file"), rs.getString("key_fingerprint"),
                rs.getString("error"), instant(rs, "verified_at"), rs.getString("verify_error"),
                instant(rs, "deleted_at"), rs.getObject("source_backup", UUID.class), rs.getString("target"),
                instant(rs, "target_time"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
