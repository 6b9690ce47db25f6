package io.mockupaws.cli;

import io.mockupaws.ops.backup.BackupException;
import io.mockupaws.ops.backup.BackupService;
import io.mockupaws.ops.backup.RestoreReport;
import io.mockupaws.ops.backup.RestoreRequest;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.StorageConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores a backup and validates it (every table read, row counts, Flyway history).",
                "Logical (a full backup): into the application's database, or --target-db; an existing database gets a "
                        + "safety backup first and is replaced only once the restored copy validates.",
                "Point in time (--target-dir, a base backup + archived WAL): into a new data directory, to --target-time "
                        + "or the end of the archive; start mockupAWS on it with MOCKUPAWS_DATA_DIR=DIR."})
class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "latest|ID|URI",
            description = "'latest', a backup id (or its first characters), or a backup folder URI (file:/..., s3://bucket/.../backups/ID)")
    String source;

    @Option(names = "--target-time", paramLabel = "TS",
            description = "recover to this time (ISO-8601; without an offset, UTC), e.g. 2026-11-24T10:15:00Z")
    String targetTime;

    @Option(names = "--target-db", paramLabel = "NAME", description = "restore into this database of the same server")
    String targetDb;

    @Option(names = "--target-dir", paramLabel = "DIR", description = "point-in-time restore into this new or empty directory")
    Path targetDir;

    @Option(names = "--jobs", defaultValue = "4", description = "parallel pg_restore jobs (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--dry-run", description = "check everything (backup, key, tools, target), change nothing")
    boolean dryRun;

    @Option(names = "--verify-only", description = "verify the backup (and the WAL chain for --target-dir), restore nothing")
    boolean verifyOnly;

    @Override
    public Integer call() {
        RestoreRequest request = new RestoreRequest(source, Optional.ofNullable(targetTime).map(RestoreCommand::parseTime),
                Optional.ofNullable(targetDb), Optional.ofNullable(targetDir), jobs, dryRun, verifyOnly);
        PrintWriter out = spec.commandLine().getOut();
        boolean needsDatabase = !request.pointInTime() && !request.verifyOnly();
        try (var ctx = CliContext.startForRestore(needsDatabase)) {
            BackupService service = BackupService.standalone(ctx.getEnvironment(),
                    ctx.getBean(StorageConfiguration.BACKUP_STORE, ObjectStore.class));
            RestoreReport report = service.restore(request, line -> {
                out.println(line);
                out.flush();
            });
            print(out, report);
            return 0;
        }
    }

    static Instant parseTime(String text) {
        String t = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new BackupException("--target-time '" + text + "' is not a time: use ISO-8601, e.g. 2026-11-24T10:15:00Z");
            }
        }
    }

    private static void print(PrintWriter out, RestoreReport r) {
        String what = r.pointInTime() ? "base backup" : "full backup";
        if (r.restored()) {
            out.printf("Restored %s %s into %s%s in %.1f s%n", what, r.source().id(), r.target(),
                    r.targetTime().map(t -> " as of " + t).orElse(""), r.elapsed().toMillis() / 1000.0);
        } else {
            out.printf("%s of %s %s into %s: nothing was changed%n", r.steps().getLast().startsWith("dry run") ? "Dry run" : "Verification",
                    what, r.source().id(), r.target().isEmpty() ? "(no target)" : r.target());
        }
        for (String step : r.steps()) out.println("  - " + step);
        if (!r.rowCounts().isEmpty()) {
            int width = Math.max(5, r.rowCounts().keySet().stream().mapToInt(String::length).max().orElse(5));
            out.printf("  %-" + width + "s  %12s%n", "table", "rows");
            for (Map.Entry<String, Long> e : r.rowCounts().entrySet()) out.printf("  %-" + width + "s  %12d%n", e.getKey(), e.getValue());
            out.printf("  %d tables, %d rows; schema version %s%n", r.rowCounts().size(), r.totalRows(), r.schemaVersion());
        }
        if (r.restored() && r.pointInTime()) {
            out.printf("Start mockupAWS on it: MOCKUPAWS_DATA_DIR=%s java -jar mockupaws.jar%n", r.target());
        }
    }
}
