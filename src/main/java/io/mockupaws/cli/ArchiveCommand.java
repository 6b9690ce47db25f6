package io.mockupaws.cli;

import io.mockupaws.archive.ArchiveJob;
import io.mockupaws.archive.ArchivePlan;
import io.mockupaws.archive.ArchiveRun;
import io.mockupaws.archive.ArchiveService;
import io.mockupaws.archive.ArchiveSettings;
import io.mockupaws.archive.ArchiveTable;
import io.mockupaws.archive.ArchiveTrigger;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Moves data past its archive policy (archive_policies) out of the live tables: events to "
                + "scenario_logs_archive (whole months in O(1)), per-minute metrics to daily rows in "
                + "scenario_metrics_archive, reports' files gzip-compressed to the object store. Without a table "
                + "option, all of them. Exit 0 done, 1 a table failed, 3 another archiver is running (nothing done).")
class ArchiveCommand implements Callable<Integer> {

    /** Exit code when another archiver holds the lock: nothing was done, which a script may want to tell apart. */
    static final int BUSY = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--logs", description = "events (scenario_logs)")
    boolean logs;

    @Option(names = "--metrics", description = "per-minute metrics (scenario_metrics)")
    boolean metrics;

    @Option(names = "--reports", description = "reports and their files")
    boolean reports;

    @Option(names = "--all", description = "all three (the default)")
    boolean all;

    @Option(names = "--dry-run", description = "print what would move (rows, bytes, per table) and change nothing")
    boolean dryRun;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "rows per transaction when rows move one by one (default MOCKUPAWS_ARCHIVE_BATCH_SIZE, 50000)")
    Integer batchSize;

    @Override
    public Integer call() {
        if (batchSize != null && (batchSize < 1 || batchSize > ArchiveSettings.MAX_BATCH_SIZE)) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be between 1 and " + ArchiveSettings.MAX_BATCH_SIZE);
        }
        Set<ArchiveTable> tables = EnumSet.noneOf(ArchiveTable.class);
        if (logs) tables.add(ArchiveTable.LOGS);
        if (metrics) tables.add(ArchiveTable.METRICS);
        if (reports) tables.add(ArchiveTable.REPORTS);
        if (all || tables.isEmpty()) tables = EnumSet.allOf(ArchiveTable.class);
        PrintWriter out = spec.commandLine().getOut();
        try (var ctx = CliContext.start()) {
            ArchiveService archive = ctx.getBean(ArchiveService.class);
            if (dryRun) {
                ArchiveRun plan = archive.dryRun(tables, ArchiveTrigger.CLI);
                out.println("Dry run: nothing is changed. Would archive:");
                for (ArchivePlan p : plan.plan()) {
                    out.printf("  %-17s %,13d rows %12s  older than %s (%d days): %s%n", p.table(), p.rows(),
                            BackupCommand.mb(p.bytes()), BackupCommand.TIME.format(p.cutoff()) + " UTC",
                            p.archiveAfterDays(), p.detail());
                }
                return 0;
            }
            int size = batchSize == null ? archive.settings().batchSize() : batchSize;
            ArchiveRun run = archive.run(new ArchiveService.Request(tables, size, ArchiveTrigger.CLI, null));
            if (run.status().equals("skipped")) {
                spec.commandLine().getErr().println("Not archiving: " + run.jobs().getFirst().error());
                return BUSY;
            }
            out.printf("Archiving run %s %s%n", run.runId(), run.status());
            for (ArchiveJob j : run.jobs()) {
                double seconds = j.finishedAt() == null ? 0
                        : Math.max(0.001, Duration.between(j.startedAt(), j.finishedAt()).toMillis() / 1000.0);
                out.printf("  %-8s %-9s %,13d rows %12s in %7.1f s (%,.0f rows/s): %d month(s) swapped, %d batch(es)%s%n",
                        j.type(), j.status(), j.recordsArchived(), BackupCommand.mb(j.bytesMoved()), seconds,
                        j.recordsArchived() / Math.max(seconds, 0.001), j.partitionsMoved(), j.batches(),
                        j.error() == null ? "" : "%n    error: ".formatted() + j.error());
            }
            return run.status().equals("completed") ? 0 : 1;
        }
    }
}
