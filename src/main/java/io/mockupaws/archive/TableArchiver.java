package io.mockupaws.archive;

import java.time.Instant;

/** Moves one table's rows past the policy out of the live table; implementations are idempotent and resumable. */
interface TableArchiver {

    ArchiveTable table();

    /** What {@link #archive} would move now; reads only. */
    ArchivePlan plan(Instant cutoff);

    /**
     * Moves everything older than {@code cutoff}, reporting each committed step to {@code progress} inside the step's
     * own transaction. A failure leaves every row either moved or live, never both or neither.
     */
    void archive(Instant cutoff, int batchSize, Progress progress);
}
