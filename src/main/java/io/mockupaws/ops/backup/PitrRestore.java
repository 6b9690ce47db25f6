package io.mockupaws.ops.backup;

import io.mockupaws.platform.db.BackupKeyFile;
import io.mockupaws.platform.db.ServerUser;
import io.mockupaws.platform.db.TemporaryServer;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Point-in-time recovery into a new data directory: a base backup, plus archived WAL replayed up to a target time
 * (or to the end of the archive), into {@code <target dir>/pg}, which mockupAWS then starts on with
 * {@code MOCKUPAWS_DATA_DIR=<target dir>}. The installation's own database is never touched.
 *
 * <ol>
 *   <li>Checks, before anything is written: the target time is not before the base backup's end (a base backup
 *       cannot go back before itself) nor in the future; the target directory is new or empty; the key matches;
 *       the WAL archive has no gap after the base backup (without a target time, a gap would silently end
 *       recovery early, so it is refused).</li>
 *   <li>The base backup is authenticated, decrypted, gunzipped and unpacked in one stream.</li>
 *   <li>A temporary server ({@link TemporaryServer}) recovers it: {@code recovery.signal}, and as command-line
 *       settings (nothing written into the cluster's configuration) a {@code restore_command} that this process
 *       answers ({@link WalFeed}, which fetches ahead), {@code recovery_target_time},
 *       {@code recovery_target_action = promote}, archiving off (a restored copy must not archive into the
 *       original's WAL while it is being checked), and for this run only an {@code hba_file} that trusts local TCP
 *       connections.</li>
 *   <li>If PostgreSQL ends recovery before the target ("recovery ended before configured recovery target was
 *       reached"), WAL is missing: reported with the last position replayed, and the directory removed.</li>
 *   <li>Validation ({@link RestoreValidation}) on the promoted server, then a fresh superuser password (written to
 *       {@code <target dir>/pg-superuser-password}, as the embedded launcher expects; the backup's password may not
 *       be known where it is restored) and the installation's key file, and a clean shutdown.</li>
 * </ol>
 */
final class PitrRestore {

    private static final String SUPERUSER = "postgres";
    private static final Pattern REDO_DONE = Pattern.compile("redo done at ([0-9A-F]+/[0-9A-F]+)");
    private static final Pattern LAST_TX = Pattern.compile("last completed transaction was at log time ([^\\n]+)");
    private static final DateTimeFormatter PG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private final BackupEncryption encryption;
    private final Clock clock;
    private final Consumer<String> progress;
    private final Duration recoveryLimit;

    PitrRestore(BackupEncryption encryption, Clock clock, Consumer<String> progress, Duration recoveryLimit) {
        this.encryption = encryption;
        this.clock = clock;
        this.progress = progress;
        this.recoveryLimit = recoveryLimit;
    }

    RestoreReport run(ObjectStore store, String storeName, BackupMetadata base,
                      Optional<Instant> targetTime, Path targetDir, boolean dryRun) {
        Instant started = clock.instant();
        List<String> steps = new ArrayList<>();
        Path root = targetDir.toAbsolutePath().normalize();
        if (targetTime.isPresent()) {
            if (targetTime.get().isBefore(base.finishedAt())) {
                throw new BackupException("Target time " + targetTime.get() + " is before base backup " + base.id()
                        + " finished (" + base.finishedAt() + "): a base backup cannot be taken back before its own end. "
                        + "Choose an earlier base backup (see 'backup list') or a later time. Nothing was restored.");
            }
            if (targetTime.get().isAfter(clock.instant())) {
                throw new BackupException("Target time " + targetTime.get() + " is in the future. Nothing was restored.");
            }
        }
        requireEmpty(root);
        if (!base.keyFingerprint().equals(encryption.fingerprint())) {
            throw new BackupEncryptionException("Base backup " + base.id() + " was encrypted with key " + base.keyFingerprint()
                    + ", but the configured key (" + encryption.origin() + ") is " + encryption.fingerprint() + ". Set "
                    + BackupEncryption.KEY_VARIABLE + " to the key that made this backup. Nothing was restored.");
        }
        if (store.stat(base.objectKey()).isEmpty()) {
            throw new BackupException("Base backup " + base.id() + " is missing its data: " + base.objectKey() + " is not in " + storeName);
        }
        List<String> walNames = store.list(WalArchive.PREFIX).stream()
                .map(ObjectSummary::key).map(k -> k.substring(WalArchive.PREFIX.length())).toList();
        WalChain chain = WalChain.of(walNames, base.startWalFile(), segmentBytes(base));
        if (!chain.complete() && targetTime.isEmpty()) {
            throw new BackupException("Missing WAL: the archive lacks segment(s) " + String.join(", ", chain.missing())
                    + " after base backup " + base.id() + "; recovery would stop at the first of them and silently leave out "
                    + "everything archived later. Give --target-time before that point to restore up to it deliberately.");
        }
        ServerUser user = ServerUser.current();
        steps.add("source: base backup " + base.id() + " taken " + base.finishedAt() + " (" + LogicalRestore.mb(base.sizeBytes())
                + " encrypted), WAL from " + base.startWalFile() + " in " + storeName);
        steps.add("WAL archive: " + chain.segments() + " segment(s) from " + chain.first() + " to " + chain.last().orElse("(none yet)")
                + (chain.complete() ? ", no gaps" : ", missing " + String.join(", ", chain.missing())));
        steps.add("recover to " + targetTime.map(Instant::toString).orElse("the end of the archived WAL") + " into " + root.resolve("pg"));
        if (dryRun) {
            steps.add("dry run: nothing downloaded, nothing changed");
            return new RestoreReport(base, true, root.toString(), targetTime, false, Map.of(), null, Optional.empty(),
                    Duration.between(started, clock.instant()), steps);
        }

        boolean created = !Files.exists(root);
        try {
            Path pg = root.resolve("pg");
            Files.createDirectories(pg);
            Files.setPosixFilePermissions(pg, PosixFilePermissions.fromString("rwx------"));
            progress.accept("Unpacking base backup " + base.id() + " into " + pg + "...");
            Instant t0 = clock.instant();
            BackupReader.read(store, base, encryption, plain -> unpack(plain, pg));
            steps.add("unpacked, authenticated and decrypted in " + seconds(t0));
            Path logDir = root.resolve("pg-log");
            Files.createDirectories(logDir);
            Path hba = prepareCluster(pg, logDir);
            if (!encryption.origin().equals(BackupEncryption.KEY_VARIABLE) && Files.exists(Path.of(encryption.origin()))) {
                // The restored installation keeps encrypting with the key its backups were made with.
                Files.copy(Path.of(encryption.origin()), BackupKeyFile.of(root), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path feedFolder = Files.createDirectories(root.resolve("wal-feed"));
            user.handOver(root);

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("restore_command", WalFeed.restoreCommand(feedFolder));
            targetTime.ifPresent(t -> settings.put("recovery_target_time", PG_TIME.format(t)));
            settings.put("recovery_target_action", "promote");
            settings.put("archive_mode", "off");
            // No connections until promoted (none are needed): and a hot standby would refuse to recover a cluster whose
            // primary ran with more max_connections (or locks, or prepared transactions) than this run's settings.
            settings.put("hot_standby", "off");
            settings.put("hba_file", hba.toString());
            Path recoveryLog = logDir.resolve("recovery.log");
            progress.accept("Replaying WAL" + targetTime.map(t -> " up to " + t).orElse("") + " (log: " + recoveryLog + ")...");
            t0 = clock.instant();
            RestoreValidation.Result validated;
            String password;
            try (WalFeed feed = new WalFeed(new WalArchive(store, encryption), feedFolder, segmentBytes(base), user);
                 TemporaryServer server = TemporaryServer.start(root, pg, settings, Map.of(), recoveryLog)) {
                awaitPromotion(server, targetTime, recoveryLog, feed);
                steps.add("recovered and promoted in " + seconds(t0) + "; " + replayedUpTo(Files.readString(recoveryLog)));
                try (Connection c = DriverManager.getConnection(server.jdbcUrl(base.database()), SUPERUSER, "")) {
                    validated = RestoreValidation.validate(c, null);
                    BackupHistory.bestEffort(JdbcClient.create(new SingleConnectionDataSource(c, true)))
                            .restored(BackupIds.next(clock.instant()), base, root.toString(), targetTime.orElse(null),
                                    started, clock.instant(), storeName);
                }
                password = resetSuperuserPassword(server);
                server.stop();
            }
            steps.add("validated: " + validated.rowCounts().size() + " tables read, " + validated.totalRows()
                    + " rows, Flyway history " + validated.migrations() + " migrations, schema version " + validated.schemaVersion());
            Files.delete(hba);
            deleteTree(feedFolder);
            Path passwordFile = root.resolve("pg-superuser-password");
            Files.writeString(passwordFile, password, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            steps.add("new superuser password in " + passwordFile + "; start it with MOCKUPAWS_DATA_DIR=" + root);
            return new RestoreReport(base, true, root.toString(), targetTime, true, validated.rowCounts(),
                    validated.schemaVersion(), Optional.empty(), Duration.between(started, clock.instant()), steps);
        } catch (IOException | SQLException e) {
            removeRestored(root, created);
            throw new BackupException("Point-in-time restore failed; nothing was restored: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeRestored(root, created);
            throw e;
        }
    }

    private static void requireEmpty(Path root) {
        if (!Files.exists(root)) return;
        if (!Files.isDirectory(root)) throw new BackupException("--target-dir " + root + " exists and is not a directory");
        try (var entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new BackupException("--target-dir " + root + " is not empty; a point-in-time restore needs a new or "
                        + "empty directory (it never overwrites a data directory)");
            }
        } catch (IOException e) {
            throw new BackupException("Cannot read --target-dir " + root + ": " + e.getMessage(), e);
        }
    }

    private static void unpack(InputStream plain, Path pg) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(plain, 1 << 16));
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path out = pg.resolve(entry.getName()).normalize();
            if (!out.startsWith(pg)) throw new IOException("unsafe path in the base backup: " + entry.getName());
            if (entry.isDirectory()) {
                Files.createDirectories(out);
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
            } else if (entry.isFile()) {
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
            } else if (entry.isSymbolicLink()) {
                throw new IOException("the base backup holds a tablespace link (" + entry.getName() + " -> "
                        + entry.getLinkName() + "); restoring tablespaces is not supported");
            }
        }
    }

    /**
     * Makes the unpacked cluster start: recovery.signal; the configuration files a cluster from an external server
     * may keep elsewhere (Debian keeps them in /etc); the trusting hba file for this run.
     */
    private static Path prepareCluster(Path pg, Path logDir) throws IOException {
        Files.deleteIfExists(pg.resolve("postmaster.pid"));
        Files.deleteIfExists(pg.resolve("postmaster.opts"));
        Files.writeString(pg.resolve("recovery.signal"), "");
        Path conf = pg.resolve("postgresql.conf");
        if (!Files.exists(conf)) Files.writeString(conf, "include_if_exists = 'mockupaws.conf'\n");
        Path clusterHba = pg.resolve("pg_hba.conf");
        if (!Files.exists(clusterHba)) {
            Files.writeString(clusterHba, """
                    host all all 127.0.0.1/32 scram-sha-256
                    host replication all 127.0.0.1/32 scram-sha-256
                    """);
        }
        Path hba = logDir.resolve("recovery-hba.conf");
        // Only for the recovery run, on a random loopback port: the restored cluster's password may not be known here.
        Files.writeString(hba, "host all all 127.0.0.1/32 trust\n");
        return hba;
    }

    private static long segmentBytes(BackupMetadata base) {
        return base.walSegmentBytes() == null ? 16L * 1024 * 1024 : base.walSegmentBytes();
    }

    private void awaitPromotion(TemporaryServer server, Optional<Instant> targetTime, Path log, WalFeed feed) throws IOException {
        Instant giveUp = clock.instant().plus(recoveryLimit);
        while (true) {
            if (!server.isRunning()) {
                if (feed.error().isPresent()) {
                    throw new BackupException("Recovery stopped: archived WAL could not be restored: " + feed.error().get()
                            + ". Nothing was restored.");
                }
                throw recoveryFailed(Files.readString(log), targetTime);
            }
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), SUPERUSER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                if (!rs.getBoolean(1)) return;
            } catch (SQLException notYet) {
                // starting, or not yet consistent: connections are refused until then
            }
            if (clock.instant().isAfter(giveUp)) {
                throw new BackupException("Recovery did not finish within " + recoveryLimit + "; see " + log);
            }
            sleep();
        }
    }

    private static BackupException recoveryFailed(String log, Optional<Instant> targetTime) {
        String replayed = replayedUpTo(log);
        if (log.contains("recovery ended before configured recovery target was reached")) {
            // PostgreSQL stops at the first commit after the target; an archive that ends before one looks the same
            // whether WAL is missing or nothing was committed since, so both readings are offered.
            return new BackupException("Missing WAL: recovery could not reach " + targetTime.map(Instant::toString).orElse("the target")
                    + "; " + replayed + ". The WAL after that point is not in the archive (not archived yet: allow "
                    + "archive_timeout; or lost), or nothing was committed after it: then restore without --target-time, "
                    + "which recovers everything archived. Nothing was restored.");
        }
        // Connection attempts refused while the server starts are logged as FATAL too; they are ours, not its.
        List<String> fatal = log.lines().filter(l -> l.contains("FATAL") || l.contains("PANIC"))
                .filter(l -> !l.contains("the database system is starting up")).toList();
        return new BackupException("PostgreSQL stopped during recovery: "
                + String.join(" | ", fatal.isEmpty() ? log.lines().toList().subList(Math.max(0, (int) log.lines().count() - 5),
                (int) log.lines().count()) : fatal) + ". Nothing was restored.");
    }

    private static String replayedUpTo(String log) {
        Matcher redo = REDO_DONE.matcher(log);
        String lsn = null;
        while (redo.find()) lsn = redo.group(1);
        Matcher tx = LAST_TX.matcher(log);
        String last = null;
        while (tx.find()) last = tx.group(1).strip();
        return "last WAL replayed " + (lsn == null ? "unknown" : lsn) + (last == null ? "" : ", last transaction at " + last);
    }

    private static String resetSuperuserPassword(TemporaryServer server) throws SQLException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), SUPERUSER, "")) {
            // Hashed (SCRAM) by the driver: the password never reaches the server, its log or its statistics.
            c.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
        return password;
    }

    private static void removeRestored(Path root, boolean created) {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(root) || created) Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // what is left is in a directory the operator chose; the error says nothing was restored
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private String seconds(Instant since) {
        return String.format("%.1f s", Duration.between(since, clock.instant()).toMillis() / 1000.0);
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while waiting for recovery");
        }
    }
}
