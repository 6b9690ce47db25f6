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
        // A failed table is recorded in archive_jobs (ArchiveJobFailed alerts on it) and retried by the next night's
        // run; the task itself does not fail, so a job scheduler's retries do not rerun a whole archive in a loop.
        archive.run(new ArchiveService.Request(null, archive.settings().batchSize(), ArchiveTrigger.SCHEDULE, null));
    }
}
