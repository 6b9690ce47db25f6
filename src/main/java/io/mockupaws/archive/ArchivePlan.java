package io.mockupaws.archive;

import java.time.Instant;

/**
 * What a dry run found for one table.
 *
 * @param rows       rows that would move (events; minute rows of metrics; reports)
 * @param bytes      their size (row bytes; table, index and TOAST size of whole months; report file bytes)
 * @param partitions whole months that would move in O(1)
 * @param detail     how, in a sentence
 */
public record ArchivePlan(String type, String table, String archiveTable, int archiveAfterDays, Instant cutoff,
                          long rows, long bytes, int partitions, String detail) {

    ArchivePlan withPolicy(int days) {
        return new ArchivePlan(type, table, archiveTable, days, cutoff, rows, bytes, partitions, detail);
    }
}
