package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Restores a full (logical) backup into a database of the application's server, so that the existing database is
 * never half-replaced:
 * <ol>
 *   <li>checks (also {@code --dry-run}): key, object, tool, server version, privileges;</li>
 *   <li>downloads, authenticates and decrypts the dump into a private temporary file (parallel pg_restore needs a
 *       seekable file), checking both SHA-256s;</li>
 *   <li>takes a safety backup of the target database, if it exists;</li>
 *   <li>restores into a staging database ({@code <target>_restoring}) with {@code pg_restore --jobs N};</li>
 *   <li>validates the staging database ({@link RestoreValidation}): every table readable, exactly the row counts
 *       the backup recorded, Flyway history complete;</li>
 *   <li>only then swaps it in: the old database is renamed away, the staging database renamed to the target, and
 *       the old one dropped (the safety backup holds it).</li>
 * </ol>
 * A wrong key, a corrupted object, a failing pg_restore or a failed validation all stop before step 6: the
 * existing database is untouched, the staging database dropped.
 */
final class LogicalRestore {

    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]{0,50}";

    private final PgConnection server;
    private final PostgresTools.Factory tools;
    private final BackupEncryption encryption;
    private final Function<PgConnection, BackupMetadata> safetyBackup;
    private final Clock clock;
    private final Consumer<String> progress;

    /**
     * @param server the application's database connection; the target is a database on the same server
     * @param safetyBackup takes (and records) a full backup of the given database
     */
    LogicalRestore(PgConnection server, PostgresTools.Factory tools, BackupEncryption encryption,
                   Function<PgConnection, BackupMetadata> safetyBackup, Clock clock, Consumer<String> progress) {
        this.server = server;
        this.tools = tools;
        this.encryption = encryption;
        this.safetyBackup = safetyBackup;
        this.clock = clock;
        this.progress = progress;
    }

    RestoreReport run(ObjectStore store, String storeName, BackupMetadata backup, Optional<String> targetDb, int jobs,
                      boolean dryRun) {
        Instant started = clock.instant();
        List<String> steps = new ArrayList<>();
        String target = targetDb.orElse(server.database());
        if (!target.matches(NAME)) {
            throw new BackupException("'" + target + "' cannot be a restore target: use letters, digits and '_' (at most 51)");
        }
        String staging = target + "_restoring";
        PgConnection maintenance = server.withDatabase("postgres");
        boolean targetExists;
        Path pgRestore;
        try (Connection c = maintenance.open()) {
            ServerInfo info = ServerInfo.read(c);
            int backupMajor = BackupVerification.serverMajor(backup);
            if (backupMajor != info.major()) {
                throw new BackupException("Backup " + backup.id() + " comes from PostgreSQL " + backup.serverVersion()
                        + "; this server is " + info.version() + ". Restore it into a PostgreSQL " + backupMajor + " server.");
            }
            requireCreateDb(c);
            targetExists = exists(c, target);
            pgRestore = tools.forServer(info.major()).pgRestore();
        } catch (SQLException e) {
            throw new BackupException("Cannot prepare the restore on " + maintenance + ": " + e.getMessage(), e);
        }
        checkKey(backup);
        if (store.stat(backup.objectKey()).isEmpty()) {
            throw new BackupException("Backup " + backup.id() + " is missing its data: " + backup.objectKey() + " is not in " + storeName);
        }
        steps.add("source: full backup " + backup.id() + " of " + backup.database() + " taken " + backup.finishedAt()
                + " (" + mb(backup.sizeBytes()) + " encrypted) in " + storeName);
        steps.add("key " + encryption.fingerprint() + " matches; " + pgRestore + " found");
        steps.add(targetExists
                ? "target database " + target + " exists: it will get a safety backup, then be replaced after the restored copy validates"
                : "target database " + target + " does not exist: it will be created");
        if (dryRun) {
            steps.add("dry run: nothing downloaded, nothing changed");
            return new RestoreReport(backup, false, target, Optional.empty(), false, Map.of(), null, Optional.empty(),
                    Duration.between(started, clock.instant()), steps);
        }

        Path dump = null;
        try {
            dump = Files.createTempFile("mockupaws-restore-", ".pgc",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            progress.accept("Downloading and decrypting " + backup.objectKey() + " (" + mb(backup.sizeBytes()) + ")...");
            Instant t0 = clock.instant();
            Path file = dump;
            BackupReader.read(store, backup, encryption, plain -> {
                try (OutputStream out = Files.newOutputStream(file)) {
                    plain.transferTo(out);
                }
            });
            steps.add("downloaded, authenticated and decrypted in " + seconds(t0) + "; SHA-256 of stored and decrypted bytes as recorded");

            Optional<BackupMetadata> safety = Optional.empty();
            if (targetExists) {
                progress.accept("Taking a safety backup of " + target + "...");
                BackupMetadata taken = safetyBackup.apply(server.withDatabase(target));
                safety = Optional.of(taken);
                steps.add("safety backup of " + target + ": " + taken.id());
            }

            progress.accept("Restoring into " + staging + " with pg_restore --jobs " + jobs + "...");
            t0 = clock.instant();
            try (Connection c = maintenance.open(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + staging + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + staging + " TEMPLATE template0");
            }
            runPgRestore(pgRestore, dump, server.withDatabase(staging), jobs);
            steps.add("pg_restore --jobs " + jobs + " into " + staging + " in " + seconds(t0));

            RestoreValidation.Result validated;
            try (Connection c = server.withDatabase(staging).open()) {
                validated = RestoreValidation.validate(c, backup.rowCounts());
            }
            steps.add("validated: " + validated.rowCounts().size() + " tables read, " + validated.totalRows()
                    + " rows" + (backup.rowCounts() == null ? "" : " (exactly as counted at backup time)") + ", Flyway history "
                    + validated.migrations() + " migrations, schema version " + validated.schemaVersion());

            swapIn(maintenance, staging, target, targetExists);
            steps.add(targetExists ? "swapped in: " + target + " is the restored database; the replaced one was dropped"
                    : "renamed " + staging + " to " + target);
            Instant finished = clock.instant();
            record(server.withDatabase(target), backup, safety, storeName, target, started, finished);
            return new RestoreReport(backup, false, target, Optional.empty(), true, validated.rowCounts(),
                    validated.schemaVersion(), safety.map(BackupMetadata::id), Duration.between(started, finished), steps);
        } catch (IOException e) {
            dropQuietly(maintenance, staging);
            throw new BackupException("Restore of backup " + backup.id() + " failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            dropQuietly(maintenance, staging);
            throw new BackupException("Restore of backup " + backup.id() + " failed; " + target + " is untouched: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dropQuietly(maintenance, staging);
            throw e;
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException ignored) {
                    // in the temp directory, mode 0600
                }
            }
        }
    }

    private void checkKey(BackupMetadata backup) {
        if (!backup.keyFingerprint().equals(encryption.fingerprint())) {
            throw new BackupEncryptionException("Backup " + backup.id() + " was encrypted with key " + backup.keyFingerprint()
                    + ", but the configured key (" + encryption.origin() + ") is " + encryption.fingerprint() + ". Set "
                    + BackupEncryption.KEY_VARIABLE + " to the key that made this backup. Nothing was restored.");
        }
    }

    private void runPgRestore(Path pgRestore, Path dump, PgConnection into, int jobs) {
        List<String> args = new ArrayList<>(List.of("--dbname=" + into.database(), "--jobs=" + jobs, "--exit-on-error",
                "--no-owner"));
        args.addAll(into.toolArguments());
        args.add(dump.toString());
        try (ToolRun run = ToolRun.start(pgRestore, args, into.toolEnvironment(),
                ProcessBuilder.Redirect.from(new File("/dev/null")), ProcessBuilder.Redirect.DISCARD)) {
            run.awaitSuccess();
        }
    }

    /**
     * Renames the restored database into place. Sessions on the old database are ended and new ones refused first:
     * a database cannot be renamed while anyone is connected to it.
     */
    private static void swapIn(PgConnection maintenance, String staging, String target, boolean targetExists) throws SQLException {
        String replaced = target + "_replaced";
        try (Connection c = maintenance.open(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + replaced + " WITH (FORCE)");
            if (targetExists) {
                s.execute("ALTER DATABASE " + target + " ALLOW_CONNECTIONS false");
                try {
                    renameWhenFree(c, target, replaced);
                } catch (SQLException e) {
                    s.execute("ALTER DATABASE " + target + " ALLOW_CONNECTIONS true");
                    throw e;
                }
            }
            try {
                renameWhenFree(c, staging, target);
            } catch (SQLException e) {
                if (targetExists) {
                    // put the original back where it was
                    renameWhenFree(c, replaced, target);
                    s.execute("ALTER DATABASE " + target + " ALLOW_CONNECTIONS true");
                }
                throw e;
            }
            if (targetExists) s.execute("DROP DATABASE " + replaced + " WITH (FORCE)");
        }
    }

    /** A session may connect between ending the others and the rename (a pool reconnecting); try a few times. */
    private static void renameWhenFree(Connection c, String from, String to) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            terminateSessions(c, from);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + from + " RENAME TO " + to);
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || attempt == 10) throw e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for sessions on " + from + " to end");
            }
        }
    }

    private static void terminateSessions(Connection c, String database) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            p.setString(1, database);
            p.executeQuery().close();
        }
    }

    private static void requireCreateDb(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
            if (!rs.next() || !rs.getBoolean(1)) {
                throw new BackupException("The database user may not create databases (CREATEDB), which a restore needs "
                        + "for its staging database. Grant it, or restore as a user who may.");
            }
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void dropQuietly(PgConnection maintenance, String staging) {
        try (Connection c = maintenance.open(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + staging + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // the restore's own error is the one to report; a leftover staging database is dropped by the next restore
        }
    }

    /**
     * The restore is recorded in the database it produced, with the safety backup (the replaced database's history
     * went with it); best effort: the restore itself has succeeded.
     */
    private void record(PgConnection restored, BackupMetadata backup, Optional<BackupMetadata> safety, String storeName,
                        String target, Instant started, Instant finished) {
        try (Connection c = restored.open()) {
            BackupHistory history = BackupHistory.bestEffort(JdbcClient.create(new SingleConnectionDataSource(c, true)));
            safety.ifPresent(s -> history.recordCompleted(s, storeName));
            history.restored(BackupIds.next(finished), backup, target, null, started, finished, storeName);
        } catch (SQLException e) {
            progress.accept("note: could not record the restore in " + target + ": " + e.getMessage());
        }
    }

    private String seconds(Instant since) {
        return String.format("%.1f s", Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
