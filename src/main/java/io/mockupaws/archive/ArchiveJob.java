package io.mockupaws.archive;

import java.time.Instant;
import java.util.UUID;

/**
 * One table's part of an archiving run ({@code archive_jobs}).
 *
 * @param status          {@code running}, {@code completed}, {@code failed} or {@code skipped} (another archiver held
 *                        the lock)
 * @param cutoff          rows older than this were (are being) archived
 * @param recordsArchived rows moved (events; minute rows of metrics; reports)
 * @param bytesMoved      their size: row bytes moved one by one, plus table, index and TOAST size of whole months
 * @param partitionsMoved whole months moved in O(1) (events only)
 * @param batches         transactions that moved rows one by one
 */
public record ArchiveJob(UUID id, UUID runId, String type, String trigger, String status, UUID requestedBy,
                         Instant cutoff, Integer batchSize, Instant startedAt, Instant finishedAt, long recordsArchived,
                         long bytesMoved, int partitionsMoved, int batches, String error) {}
