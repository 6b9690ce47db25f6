package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A logical backup: {@code pg_dump} in custom format (compressed by pg_dump, in its own process), encrypted and
 * streamed into the store as {@code backups/<id>/dump.pgc.enc}, then {@code metadata.json}.
 *
 * <p>The dump runs on a snapshot this class exports from a REPEATABLE READ transaction, and the same transaction
 * counts every table's rows while the dump runs: the counts in the metadata are exactly the rows in the dump, and
 * a restore must find exactly them.
 */
final class FullBackup {

    private final PgConnection db;
    private final PostgresTools.Factory tools;
    private final ObjectStore store;
    private final BackupEncryption encryption;
    private final int compressionLevel;
    private final Clock clock;

    FullBackup(PgConnection db, PostgresTools.Factory tools, ObjectStore store, BackupEncryption encryption,
               int compressionLevel, Clock clock) {
        this.db = db;
        this.tools = tools;
        this.store = store;
        this.encryption = encryption;
        this.compressionLevel = compressionLevel;
        this.clock = clock;
    }

    BackupMetadata run(UUID id, BackupTrigger trigger, Instant startedAt) {
        String objectKey = BackupMetadata.prefix(id) + BackupKind.FULL.objectName();
        try (Connection snapshot = db.open()) {
            snapshot.setAutoCommit(false);
            snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            ServerInfo server = ServerInfo.read(snapshot);
            String snapshotId = exportSnapshot(snapshot);
            PostgresTools found = tools.forServer(server.major());
            var pgDump = found.pgDump();
            String toolVersion = found.version(pgDump);
            List<DatabaseTables.Table> tables = DatabaseTables.list(snapshot);
            // Counted while pg_dump streams, on the snapshot pg_dump reads: a second reader, not a second pass later.
            CompletableFuture<Map<String, Long>> counts = CompletableFuture.supplyAsync(() -> {
                try {
                    return DatabaseTables.countRows(snapshot, tables);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            });
            List<String> args = new ArrayList<>(List.of("--format=custom", "--compress=" + compressionLevel,
                    "--snapshot=" + snapshotId, "--dbname=" + server.database()));
            args.addAll(db.toolArguments());
            EncryptedUpload.Result uploaded;
            try {
                uploaded = EncryptedUpload.put(store, objectKey,
                        Map.of("backup-id", id.toString(), "kind", "full", "key-fingerprint", encryption.fingerprint()),
                        encryption, ObjectStore.UNKNOWN_LENGTH, plain -> {
                            try (ToolRun dump = ToolRun.start(pgDump, args, db.toolEnvironment(),
                                    ProcessBuilder.Redirect.from(new File("/dev/null")), ProcessBuilder.Redirect.PIPE)) {
                                dump.stdout().transferTo(plain);
                                dump.awaitSuccess();
                            }
                        });
            } finally {
                joinQuietly(counts);
            }
            Map<String, Long> rowCounts = counts.join();
            String endLsn = currentLsn(snapshot);
            snapshot.rollback();
            BackupMetadata metadata = new BackupMetadata(BackupMetadata.FORMAT_VERSION, id, BackupKind.FULL, trigger,
                    startedAt, clock.instant(), server.database(), server.databaseBytes(), server.version(), toolVersion, objectKey,
                    uploaded.stored().size(), uploaded.stored().sha256().orElseThrow(), uploaded.plainSize(),
                    uploaded.plainSha256(), encryption.fingerprint(), server.currentLsn(), endLsn, null, null, null,
                    null, rowCounts);
            return metadata;
        } catch (SQLException e) {
            store.delete(objectKey);
            throw new BackupException("Full backup of " + db + " failed: " + e.getMessage(), e);
        } catch (CompletionException e) {
            store.delete(objectKey);
            throw new BackupException("Full backup of " + db + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (RuntimeException e) {
            store.delete(objectKey);
            throw e;
        }
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String currentLsn(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void joinQuietly(CompletableFuture<?> f) {
        try {
            f.join();
        } catch (RuntimeException ignored) {
            // reported by whoever reads the result
        }
    }
}
