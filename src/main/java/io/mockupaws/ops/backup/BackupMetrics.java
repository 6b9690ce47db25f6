package io.mockupaws.ops.backup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the backup alerts watch, read from the database at scrape time — so a backup run by the CLI, the schedule of
 * another instance or this one counts alike:
 * <ul>
 *   <li>{@code mockupaws.backup.last.success.timestamp{kind}} (Unix seconds; 0 when no backup of the kind ever
 *       succeeded) and {@code mockupaws.backup.last.result{kind}} (1 completed, 0 failed; NaN before the first
 *       finished run) of the full and base backups, from backup_history;</li>
 *   <li>{@code mockupaws.wal.archive.lag}: how long the oldest finished WAL segment has waited for the archiver
 *       (0 when none waits, or archiving is off). It is what point-in-time recovery would lose right now.</li>
 * </ul>
 * One scrape reads the database once: the answer is kept for a second.
 */
@Component
class BackupMetrics {

    private static final Logger log = LoggerFactory.getLogger(BackupMetrics.class);
    private static final Duration KEEP = Duration.ofSeconds(1);
    private static final String[] KINDS = {BackupKind.FULL.label(), BackupKind.BASE.label()};

    /** @param lastResult 1 or 0 by kind; absent: no finished run */
    record Reading(Map<String, Double> lastSuccess, Map<String, Double> lastResult, double walLagSeconds, long readAt) {}

    private final JdbcClient jdbc;
    private final AtomicReference<Reading> last = new AtomicReference<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - Duration.ofMinutes(1).toNanos());
    private volatile boolean archiveStatusReadable = true;

    BackupMetrics(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        for (String kind : KINDS) {
            Gauge.builder("mockupaws.backup.last.success.timestamp", this, m -> m.reading().lastSuccess().getOrDefault(kind, 0.0))
                    .tag("kind", kind).baseUnit("seconds")
                    .description("When the last successful backup of this kind finished (Unix time); 0: never")
                    .register(registry);
            Gauge.builder("mockupaws.backup.last.result", this, m -> m.reading().lastResult().getOrDefault(kind, Double.NaN))
                    .tag("kind", kind)
                    .description("Outcome of the last finished backup of this kind: 1 completed, 0 failed")
                    .register(registry);
        }
        Gauge.builder("mockupaws.wal.archive.lag", this, m -> m.reading().walLagSeconds()).baseUnit("seconds")
                .description("Age of the oldest finished WAL segment not yet archived (0: none waiting)")
                .register(registry);
    }

    Reading reading() {
        Reading r = last.get();
        long now = System.nanoTime();
        if (r != null && now - r.readAt() < KEEP.toNanos()) return r;
        Map<String, Double> success = new HashMap<>();
        Map<String, Double> result = new HashMap<>();
        try {
            readBackups(success, result);
        } catch (DataAccessException e) {
            warn("could not read backup_history: " + e.getMostSpecificCause().getMessage());
        }
        double lag;
        try {
            lag = walLagSeconds();
        } catch (DataAccessException e) {
            warn("could not read the WAL archiver's state: " + e.getMostSpecificCause().getMessage());
            lag = Double.NaN;
        }
        Reading fresh = new Reading(success, result, lag, now);
        last.set(fresh);
        return fresh;
    }

    private void readBackups(Map<String, Double> success, Map<String, Double> result) {
        jdbc.sql("""
                        SELECT kind,
                               extract(epoch FROM max(finished_at) FILTER (WHERE status = 'completed')) AS last_success,
                               (array_agg(status ORDER BY finished_at DESC) FILTER (WHERE status <> 'running'))[1] AS last_status
                        FROM backup_history WHERE kind IN ('full', 'base') GROUP BY kind""")
                .query((rs, n) -> {
                    String kind = rs.getString("kind");
                    double at = rs.getDouble("last_success");
                    if (!rs.wasNull()) success.put(kind, at);
                    String status = rs.getString("last_status");
                    if (status != null) result.put(kind, status.equals("completed") ? 1.0 : 0.0);
                    return kind;
                }).list();
    }

    /**
     * The oldest {@code .ready} file in {@code pg_wal/archive_status}: a finished segment the archiver has not
     * stored yet. Listing that directory needs superuser or pg_monitor; without it (an external database with a
     * plain user), the archiver's own statistics give the time since the last success while it is failing.
     */
    private double walLagSeconds() {
        String mode = jdbc.sql("SELECT current_setting('archive_mode')").query(String.class).single();
        if (!mode.equals("on") && !mode.equals("always")) return 0;
        if (archiveStatusReadable) {
            try {
                Double age = jdbc.sql("""
                                SELECT extract(epoch FROM now() - min(modification))
                                FROM pg_ls_archive_statusdir() WHERE name LIKE '%.ready'""")
                        .query(Double.class).single();
                return age == null ? 0 : Math.max(0, age);
            } catch (DataAccessException e) {
                archiveStatusReadable = false;
                log.warn("WAL archive lag: cannot list pg_wal/archive_status ({}); grant pg_monitor to the database user "
                        + "for the exact figure. Using pg_stat_archiver instead.", e.getMostSpecificCause().getMessage());
            }
        }
        Double failing = jdbc.sql("""
                        SELECT CASE WHEN last_failed_time > coalesce(last_archived_time, '-infinity')
                                    THEN extract(epoch FROM now() - coalesce(last_archived_time, stats_reset)) ELSE 0 END
                        FROM pg_stat_archiver""")
                .query(Double.class).single();
        return failing == null ? 0 : failing;
    }

    private void warn(String message) {
        long now = System.nanoTime();
        long prev = lastWarning.get();
        if (now - prev >= Duration.ofMinutes(1).toNanos() && lastWarning.compareAndSet(prev, now)) {
            log.warn("Backup metrics: {}", message);
        }
    }
}
