package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A physical base backup for point-in-time recovery: {@code pg_basebackup} of the whole cluster as one gzipped tar
 * on its stdout, with the WAL needed to make it consistent ({@code -X fetch}) and its backup manifest inside,
 * encrypted and streamed into the store as {@code backups/<id>/base.tar.gz.enc}, then {@code metadata.json}.
 *
 * <p>The metadata records the WAL start point pg_basebackup reports (its checkpoint) and the segment file holding
 * it: replaying archived WAL from that segment on takes the backup to any later time, and retention keeps every
 * archived segment from there on while the backup is kept.
 */
final class BaseBackup {

    private static final Pattern START = Pattern.compile("write-ahead log start point: ([0-9A-F]+/[0-9A-F]+) on timeline (\\d+)");
    private static final Pattern END = Pattern.compile("write-ahead log end point: ([0-9A-F]+/[0-9A-F]+)");

    private final PgConnection db;
    private final PostgresTools.Factory tools;
    private final ObjectStore store;
    private final BackupEncryption encryption;
    private final int compressionLevel;
    private final Clock clock;

    BaseBackup(PgConnection db, PostgresTools.Factory tools, ObjectStore store, BackupEncryption encryption,
               int compressionLevel, Clock clock) {
        this.db = db;
        this.tools = tools;
        this.store = store;
        this.encryption = encryption;
        this.compressionLevel = compressionLevel;
        this.clock = clock;
    }

    BackupMetadata run(UUID id, BackupTrigger trigger, Instant startedAt) {
        String objectKey = BackupMetadata.prefix(id) + BackupKind.BASE.objectName();
        try {
            ServerInfo server;
            try (Connection c = db.open()) {
                server = ServerInfo.read(c);
            }
            PostgresTools found = tools.forServer(server.major());
            var pgBasebackup = found.pgBasebackup();
            List<String> args = new ArrayList<>(List.of("--pgdata=-", "--format=tar", "--gzip",
                    "--compress=" + compressionLevel, "--wal-method=fetch", "--checkpoint=fast", "--verbose",
                    "--label=mockupaws " + id));
            args.addAll(db.toolArguments());
            List<String> stderr = new ArrayList<>();
            EncryptedUpload.Result uploaded = EncryptedUpload.put(store, objectKey,
                    Map.of("backup-id", id.toString(), "kind", "base", "key-fingerprint", encryption.fingerprint()),
                    encryption, ObjectStore.UNKNOWN_LENGTH, plain -> {
                        try (ToolRun run = ToolRun.start(pgBasebackup, args, db.toolEnvironment(),
                                ProcessBuilder.Redirect.from(new File("/dev/null")), ProcessBuilder.Redirect.PIPE)) {
                            run.stdout().transferTo(plain);
                            run.awaitSuccess();
                            stderr.addAll(run.stderrLines());
                        }
                    });
            String log = String.join("\n", stderr);
            Matcher start = START.matcher(log);
            Matcher end = END.matcher(log);
            if (!start.find() || !end.find()) {
                throw new BackupException("pg_basebackup did not report its WAL start and end points; without them the "
                        + "backup's WAL chain is unknown. Its output was: " + log);
            }
            long startLsn = WalPosition.parseLsn(start.group(1));
            long endLsn = WalPosition.parseLsn(end.group(1));
            int timeline = Integer.parseInt(start.group(2));
            return new BackupMetadata(BackupMetadata.FORMAT_VERSION, id, BackupKind.BASE, trigger, startedAt,
                    clock.instant(), server.database(), server.clusterBytes(), server.version(), found.version(pgBasebackup), objectKey,
                    uploaded.stored().size(), uploaded.stored().sha256().orElseThrow(), uploaded.plainSize(),
                    uploaded.plainSha256(), encryption.fingerprint(), WalPosition.formatLsn(startLsn),
                    WalPosition.formatLsn(endLsn), timeline,
                    WalPosition.segmentFile(timeline, startLsn, server.walSegmentBytes()),
                    WalPosition.segmentFile(timeline, endLsn, server.walSegmentBytes()), server.walSegmentBytes(), null);
        } catch (SQLException e) {
            store.delete(objectKey);
            throw new BackupException("Base backup of " + db + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.delete(objectKey);
            throw e;
        }
    }
}
