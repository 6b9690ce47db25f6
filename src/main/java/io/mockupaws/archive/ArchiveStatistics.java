package io.mockupaws.archive;

import java.time.Instant;

/**
 * One row of {@code v_archive_statistics}: a table's rows and bytes, live and archived, its policy and its last run.
 * Row counts are planner estimates (kept current by autovacuum's ANALYZE); bytes include indexes and TOAST.
 *
 * @param archiveObjectBytes what archived report files take in the object store (compressed); 0 for other tables
 */
public record ArchiveStatistics(String table, String archiveTable, int archiveAfterDays, String aggregate,
                                boolean compress, boolean objectStorage, long liveRows, long liveBytes, long archiveRows,
                                long archiveBytes, long archiveObjectBytes, Instant lastRunAt, Instant lastRunFinishedAt,
                                String lastRunStatus, Long lastRunRecords, Long lastRunBytes, String lastRunError,
                                Instant lastSuccessAt) {}
