package io.mockupaws.archive;

import java.util.UUID;

/**
 * Where one table's job counts what it moved. Each step adds its figures to {@code archive_jobs} inside the step's own
 * transaction, so after a crash the job row says exactly what had moved, no more and no less.
 */
final class Progress {

    private final ArchiveJobs jobs;
    private final UUID jobId;

    Progress(ArchiveJobs jobs, UUID jobId) {
        this.jobs = jobs;
        this.jobId = jobId;
    }

    /** Rows moved one by one in one transaction; call inside that transaction. */
    void batch(long movedRows, long movedBytes) {
        if (movedRows > 0) jobs.progress(jobId, movedRows, movedBytes, 0, 1);
    }

    /** A whole partition moved; call inside the swap's transaction. */
    void partition(long movedRows, long movedBytes) {
        jobs.progress(jobId, movedRows, movedBytes, 1, 0);
    }
}
