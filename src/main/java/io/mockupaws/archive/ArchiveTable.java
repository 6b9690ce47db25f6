package io.mockupaws.archive;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What can be archived: the live table, its archive, and the name its runs carry in {@code archive_jobs.type}. */
public enum ArchiveTable {
    LOGS("scenario_logs", "scenario_logs_archive", "logs"),
    METRICS("scenario_metrics", "scenario_metrics_archive", "metrics"),
    REPORTS("reports", "reports_archive", "reports");

    private final String table;
    private final String archiveTable;
    private final String jobType;

    ArchiveTable(String table, String archiveTable, String jobType) {
        this.table = table;
        this.archiveTable = archiveTable;
        this.jobType = jobType;
    }

    /** The live table, as {@code archive_policies.table_name} names it. */
    public String table() {
        return table;
    }

    public String archiveTable() {
        return archiveTable;
    }

    /** {@code logs}, {@code metrics} or {@code reports}: the job type, the CLI flag, the API's table name. */
    public String jobType() {
        return jobType;
    }

    /** By job type ({@code logs}) or table name ({@code scenario_logs}). */
    public static Optional<ArchiveTable> of(String name) {
        if (name == null) return Optional.empty();
        String n = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.jobType.equals(n) || t.table.equals(n)).findFirst();
    }
}
