package io.mockupaws.archive;

import io.mockupaws.audit.AuditEvent;
import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.QueryOrigin;
import io.mockupaws.platform.web.PageResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Archiving runs for the CLI ({@code archive}), the nightly job and the admin API. One archiver at a time
 * ({@link ArchiveLock}); a run that finds another one running is recorded as {@code skipped} and changes nothing.
 * Each table's job reads its policy when it starts and moves everything older than the start of the UTC day
 * {@code archive_after_days} ago, so two runs on one day move the same set.
 */
@Service
public class ArchiveService {

    private static final Logger log = LoggerFactory.getLogger(ArchiveService.class);

    /** What to archive, how, and on whose behalf ({@code actor} null for the CLI and the nightly job). */
    public record Request(Set<ArchiveTable> tables, int batchSize, ArchiveTrigger trigger, Actor actor) {
        public Request {
            tables = tables == null || tables.isEmpty() ? EnumSet.allOf(ArchiveTable.class) : EnumSet.copyOf(tables);
            if (batchSize < 1 || batchSize > ArchiveSettings.MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batch size must be between 1 and " + ArchiveSettings.MAX_BATCH_SIZE);
            }
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ArchiveJobs jobs;
    private final ArchivePolicies policies;
    private final Map<ArchiveTable, TableArchiver> archivers;
    private final ArchiveSettings settings;
    private final AuditLog audit;
    private final ArchiveMetrics metrics;

    ArchiveService(DataSource dataSource, JdbcClient jdbc, ArchiveJobs jobs, ArchivePolicies policies,
                   List<TableArchiver> archivers, ArchiveSettings settings, AuditLog audit, ArchiveMetrics metrics) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.policies = policies;
        this.archivers = new EnumMap<>(archivers.stream().collect(Collectors.toMap(TableArchiver::table, Function.identity())));
        this.settings = settings;
        this.audit = audit;
        this.metrics = metrics;
    }

    public ArchiveSettings settings() {
        return settings;
    }

    /** What a run would move now, per table; reads only, takes no lock, records nothing. */
    public ArchiveRun dryRun(Set<ArchiveTable> tables, ArchiveTrigger trigger) {
        Set<ArchiveTable> which = tables == null || tables.isEmpty() ? EnumSet.allOf(ArchiveTable.class) : tables;
        List<ArchivePlan> plan = new ArrayList<>();
        for (ArchiveTable t : EnumSet.copyOf(which)) {
            int days = policies.of(t).archiveAfterDays();
            plan.add(archivers.get(t).plan(cutoff(days)).withPolicy(days));
        }
        return ArchiveRun.dryRun(trigger.wire(), Instant.now(), plan);
    }

    /** Runs to the end on this thread. */
    public ArchiveRun run(Request request) {
        Optional<Started> started = begin(request);
        if (started.isEmpty()) return skipped(request);
        return execute(started.get());
    }

    /**
     * Takes the lock and records the run on this thread, then runs it on a thread of its own: for the API, whose
     * caller should not hold an HTTP request open for a long run. The answer says {@code running} (follow it in
     * {@link #jobs}) or {@code skipped}.
     */
    public ArchiveRun start(Request request) {
        Optional<Started> started = begin(request);
        if (started.isEmpty()) return skipped(request);
        Started s = started.get();
        ArchiveRun running = ArchiveRun.of(s.runId(), request.trigger().wire(), jobs.run(s.runId()));
        Thread.ofVirtual().name("archive-run-" + s.runId()).start(() -> {
            try {
                execute(s);
            } catch (RuntimeException e) {
                log.error("Archiving run {} failed: {}", s.runId(), e.toString());
            }
        });
        return running;
    }

    public PageResult<ArchiveJob> jobs(ArchiveTable type, int page, int pageSize) {
        return jobs.list(type, page, pageSize);
    }

    /** Rows and bytes per table, live and archived, with the policy and the last run ({@code v_archive_statistics}). */
    public List<ArchiveStatistics> statistics() {
        return jdbc.sql("SELECT * FROM v_archive_statistics ORDER BY CASE table_name WHEN 'scenario_logs' THEN 1"
                        + " WHEN 'scenario_metrics' THEN 2 ELSE 3 END")
                .query((rs, n) -> new ArchiveStatistics(rs.getString("table_name"), rs.getString("archive_table"),
                        rs.getInt("archive_after_days"), rs.getString("aggregate"), rs.getBoolean("compress"),
                        rs.getBoolean("object_storage"), rs.getLong("live_rows"), rs.getLong("live_bytes"),
                        rs.getLong("archive_rows"), rs.getLong("archive_bytes"), rs.getLong("archive_object_bytes"),
                        instant(rs.getTimestamp("last_run_at")), instant(rs.getTimestamp("last_run_finished_at")),
                        rs.getString("last_run_status"), (Long) rs.getObject("last_run_records"),
                        (Long) rs.getObject("last_run_bytes"), rs.getString("last_run_error"),
                        instant(rs.getTimestamp("last_success_at"))))
                .list();
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public ArchiveRun runOf(UUID runId) {
        List<ArchiveJob> list = jobs.run(runId);
        return ArchiveRun.of(runId, list.isEmpty() ? null : list.getFirst().trigger(), list);
    }

    // --- the run ---------------------------------------------------------------------------------------------------

    private record Started(UUID runId, Request request, ArchiveLock lock, Map<ArchiveTable, UUID> jobIds) {}

    private Optional<Started> begin(Request request) {
        Optional<ArchiveLock> lock = ArchiveLock.tryAcquire(dataSource);
        if (lock.isEmpty()) return Optional.empty();
        try {
            int interrupted = jobs.failInterrupted();
            if (interrupted > 0) log.warn("Marked {} archiving job(s) of an interrupted run as failed", interrupted);
            UUID runId = UUID.randomUUID();
            UUID by = request.actor() == null ? null : request.actor().userId();
            Map<ArchiveTable, UUID> ids = new LinkedHashMap<>();
            for (ArchiveTable t : request.tables()) ids.put(t, jobs.start(runId, t, request.trigger(), by, request.batchSize()));
            if (request.trigger() != ArchiveTrigger.SCHEDULE) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("trigger", request.trigger().wire());
                details.put("tables", request.tables().stream().map(ArchiveTable::jobType).toList());
                details.put("batch_size", request.batchSize());
                Actor a = request.actor();
                audit.record(AuditEvent.success(a == null ? null : a.userId(), a == null ? null : a.apiKeyId(),
                        "archive.run_started", "archive_run", runId, details));
            }
            return Optional.of(new Started(runId, request, lock.get(), ids));
        } catch (RuntimeException e) {
            lock.get().close();
            throw e;
        }
    }

    private ArchiveRun execute(Started s) {
        try (ArchiveLock ignored = s.lock()) {
            for (Map.Entry<ArchiveTable, UUID> job : s.jobIds().entrySet()) runTable(job.getKey(), job.getValue(), s.request());
        } finally {
            metrics.refresh();
        }
        ArchiveRun run = runOf(s.runId());
        log.info("Archiving run {} {}: {} records, {} bytes", s.runId(), run.status(), run.recordsArchived(), run.bytesMoved());
        return run;
    }

    private void runTable(ArchiveTable table, UUID jobId, Request request) {
        String error = null;
        try {
            int days = policies.of(table).archiveAfterDays();
            Instant cutoff = cutoff(days);
            jobs.begin(jobId, cutoff);
            QueryOrigin.run("job:archive-" + table.jobType(), () -> {
                archivers.get(table).archive(cutoff, request.batchSize(), new Progress(jobs, jobId));
                return null;
            });
        } catch (RuntimeException e) {
            error = Errors.describe(e);
            log.error("Archiving {} failed: {}", table.table(), error);
        }
        jobs.finish(jobId, error);
    }

    private ArchiveRun skipped(Request request) {
        String holder = jobs.running().map(j -> "run " + j.runId() + " (" + j.trigger() + ", started " + j.startedAt() + ")")
                .orElse("another process");
        String reason = "another archiver is running: " + holder + "; nothing was done";
        UUID runId = UUID.randomUUID();
        jobs.recordSkipped(runId, request.tables(), request.trigger(),
                request.actor() == null ? null : request.actor().userId(), reason);
        log.info("Archiving skipped: {}", reason);
        return runOf(runId);
    }

    /** The start of the UTC day {@code days} ago, by the database's clock (the one received_at was written with). */
    private Instant cutoff(int days) {
        return jdbc.sql("SELECT date_trunc('day', now() - make_interval(days => :days), 'UTC')")
                .param("days", days).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }
}
