package io.mockupaws.archive;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One archiving run: its per-table jobs, or for a dry run ({@code run_id} null, {@code status} {@code dry_run}) what
 * each table would move.
 *
 * @param status {@code running}, {@code completed}, {@code failed} (a table failed), {@code skipped} (another archiver
 *               held the lock) or {@code dry_run}
 */
public record ArchiveRun(UUID runId, String status, boolean dryRun, String trigger, Instant startedAt,
                         Instant finishedAt, long recordsArchived, long bytesMoved, List<ArchiveJob> jobs,
                         List<ArchivePlan> plan) {

    static ArchiveRun of(UUID runId, String trigger, List<ArchiveJob> jobs) {
        String status = jobs.stream().anyMatch(j -> j.status().equals("running")) ? "running"
                : jobs.stream().anyMatch(j -> j.status().equals("failed")) ? "failed"
                : !jobs.isEmpty() && jobs.stream().allMatch(j -> j.status().equals("skipped")) ? "skipped"
                : "completed";
        Instant started = jobs.stream().map(ArchiveJob::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
        Instant finished = status.equals("running") ? null
                : jobs.stream().map(ArchiveJob::finishedAt).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new ArchiveRun(runId, status, false, trigger, started, finished,
                jobs.stream().mapToLong(ArchiveJob::recordsArchived).sum(), jobs.stream().mapToLong(ArchiveJob::bytesMoved).sum(),
                jobs, List.of());
    }

    static ArchiveRun dryRun(String trigger, Instant at, List<ArchivePlan> plan) {
        return new ArchiveRun(null, "dry_run", true, trigger, at, at, plan.stream().mapToLong(ArchivePlan::rows).sum(),
                plan.stream().mapToLong(ArchivePlan::bytes).sum(), List.of(), plan);
    }
}
