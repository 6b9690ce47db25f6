package io.mockupaws.cli;

import io.mockupaws.ops.backup.BackupMetadata;
import io.mockupaws.ops.backup.BackupRun;
import io.mockupaws.ops.backup.BackupService;
import io.mockupaws.ops.backup.BackupTrigger;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Encrypted backups into the backup store (MOCKUPAWS_S3_* or <data dir>/objects, copied to "
                + "MOCKUPAWS_BACKUP_SECONDARY_* when set), every run recorded in backup_history.",
        subcommands = {BackupCommand.Full.class, BackupCommand.Base.class, WalPushCommand.class, WalFetchCommand.class,
                BackupCommand.Verify.class, BackupCommand.ListRuns.class, BackupCommand.Cleanup.class})
class BackupCommand implements Callable<Integer> {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    static BackupService service(ConfigurableApplicationContext ctx) {
        return ctx.getBean(BackupService.class);
    }

    static void printBackup(PrintWriter out, String what, BackupMetadata m, BackupService service) {
        double seconds = Math.max(0.001, Duration.between(m.startedAt(), m.finishedAt()).toMillis() / 1000.0);
        out.printf("%s %s completed in %.1f s: %s of database at %.1f MB/s, %s stored%n", what, m.id(), seconds,
                mb(m.databaseBytes()), m.databaseBytes() / 1e6 / seconds, mb(m.sizeBytes()));
        out.printf("  object   %s in %s%n", m.objectKey(), service.storeDescription());
        out.printf("  sha256   %s%n", m.sha256());
        out.printf("  key      %s (%s)%n", m.keyFingerprint(), service.encryption().origin());
        out.printf("  server   PostgreSQL %s, database %s, WAL %s .. %s%s%n", m.serverVersion(), m.database(), m.startLsn(),
                m.endLsn(), m.startWalFile() == null ? "" : " (from segment " + m.startWalFile() + ")");
        if (m.rowCounts() != null) {
            out.printf("  tables   %d, %d rows%n", m.rowCounts().size(),
                    m.rowCounts().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    @Command(name = "full", mixinStandardHelpOptions = true,
            description = "Logical backup: pg_dump (custom format, compressed), AES-256-GCM encrypted, SHA-256, into the store.")
    static class Full implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (var ctx = CliContext.start()) {
                BackupService service = service(ctx);
                printBackup(spec.commandLine().getOut(), "Full backup", service.backupFull(BackupTrigger.MANUAL), service);
                return 0;
            }
        }
    }

    @Command(name = "base", mixinStandardHelpOptions = true,
            description = "Base backup for point-in-time recovery: pg_basebackup (tar.gz with the WAL it needs), encrypted, into the store.")
    static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (var ctx = CliContext.start()) {
                BackupService service = service(ctx);
                printBackup(spec.commandLine().getOut(), "Base backup", service.backupBase(BackupTrigger.MANUAL), service);
                return 0;
            }
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Proves a backup restorable: size and SHA-256 as recorded, decrypts and authenticates, then "
                    + "pg_restore --list (full) or the backup manifest (base).")
    static class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID|latest", description = "a backup id, its first characters, or 'latest'")
        String reference;

        @Override
        public Integer call() {
            try (var ctx = CliContext.start()) {
                BackupService.Verified v = service(ctx).verify(reference);
                spec.commandLine().getOut().printf("Backup %s (%s, %s) is good: %s%n", v.backup().id(),
                        v.backup().kind().label(), TIME.format(v.backup().finishedAt()) + " UTC", v.detail());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Backup and restore runs (backup_history), newest first.")
    static class ListRuns implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--limit", defaultValue = "50", description = "how many runs (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            try (var ctx = CliContext.start()) {
                BackupService service = service(ctx);
                PrintWriter out = spec.commandLine().getOut();
                List<BackupRun> runs = service.history(limit);
                out.printf("%-36s  %-7s  %-9s  %-11s  %-19s  %8s  %10s  %s%n", "ID", "KIND", "STATUS", "TRIGGER",
                        "STARTED (UTC)", "SECONDS", "SIZE", "NOTE");
                for (BackupRun r : runs) {
                    String seconds = r.finishedAt() == null ? "" : String.format("%.1f",
                            Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0);
                    out.printf("%-36s  %-7s  %-9s  %-11s  %-19s  %8s  %10s  %s%n", r.id(), r.kind(), r.status(), r.trigger(),
                            TIME.format(r.startedAt()), seconds, r.sizeBytes() == null ? "" : mb(r.sizeBytes()), note(r));
                }
                List<BackupMetadata> stored = service.backups();
                out.printf("%d restorable backup(s) in %s (%d full, %d base)%n", stored.size(), service.storeDescription(),
                        stored.stream().filter(b -> b.kind().label().equals("full")).count(),
                        stored.stream().filter(b -> b.kind().label().equals("base")).count());
                return 0;
            }
        }

        private static String note(BackupRun r) {
            if (r.error() != null) return "error: " + firstLine(r.error());
            if (r.deletedAt() != null) return "deleted by retention " + TIME.format(r.deletedAt());
            if (r.kind().equals("restore")) {
                return "restored " + r.sourceBackup() + " into " + r.target()
                        + (r.targetTime() == null ? "" : " at " + TIME.format(r.targetTime()));
            }
            if (r.verifyError() != null) return "VERIFY FAILED: " + firstLine(r.verifyError());
            if (r.verifiedAt() != null) return "verified " + TIME.format(r.verifiedAt());
            return "";
        }

        private static String firstLine(String s) {
            String line = s.lines().findFirst().orElse("");
            return line.length() > 120 ? line.substring(0, 117) + "..." : line;
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Retention (MOCKUPAWS_BACKUP_RETENTION_DAYS, default 30): deletes older backups, keeping the "
                    + "newest full and base backup, and archived WAL no kept base backup needs.")
    static class Cleanup implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (var ctx = CliContext.start()) {
                BackupService.CleanupReport r = service(ctx).cleanup();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Retention %d days: kept %d backup(s), deleted %d%s%n", r.retentionDays(), r.backupsKept(),
                        r.backupsDeleted().size(), r.backupsDeleted().isEmpty() ? "" : " " + r.backupsDeleted());
                if (!r.incompleteDeleted().isEmpty()) out.printf("Deleted incomplete backup folder(s): %s%n", r.incompleteDeleted());
                out.printf("WAL archive: deleted %d file(s), kept %d%s%n", r.walDeleted(), r.walKept(),
                        r.walKeptFrom().map(f -> " (every segment from " + f + ", the oldest kept base backup's start)").orElse(""));
                return 0;
            }
        }
    }
}
