package io.mockupaws.archive;

import io.mockupaws.platform.jobs.RecurringTask;
import org.springframework.stereotype.Component;

/**
 * The nightly archiving run (MOCKUPAWS_ARCHIVE_CRON, default 03:00 UTC) of every table. On several instances each
 * one starts it; the one that gets the lock archives, the others are recorded as skipped.
 */
@Component
class NightlyArchive implements RecurringTask {

    private final ArchiveService archive;

    NightlyArchive(ArchiveService archive) {
        this.archive = archive;
    }

    @Override
    public String id() {
        return "archive";
    }

    @Override
    public String cron() {
        return archive.settings().cron();
    }

    @Override
    public String description() {
        return "Archive events, metrics and reports past their policy (archive_policies)";
    }

    @Override
    public void run() {
        ArchiveRun run = archive.run(new ArchiveService.Request(null, archive.settings().batchSize(), ArchiveTrigger.SCHEDULE, null));
        // a failed table is recorded in archive_jobs and raises ArchiveJobFailed; failing the task too lets the job
        // scheduler show and retry it
        if (run.status().equals("failed")) {
            throw new ArchiveException("archiving run " + run.runId() + " failed: " + run.jobs().stream()
                    .filter(j -> j.error() != null && j.status().equals("failed"))
                    .map(j -> j.type() + ": " + j.error()).toList());
        }
    }
}
