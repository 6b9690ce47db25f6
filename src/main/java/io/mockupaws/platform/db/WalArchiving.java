package io.mockupaws.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Continuous WAL archiving of the embedded server, on unless {@code MOCKUPAWS_WAL_ARCHIVING=false}: every finished
 * WAL segment, and at the latest every {@code archive_timeout} (60 s) under writes, goes through
 * {@code mockupaws backup wal-push} (encrypted) into the backup store — handed to this process when it ships WAL
 * itself ({@link WalHandover}). This is what bounds the recovery point of a point-in-time restore.
 *
 * <p>Everything the archiver needs is prepared before the server starts, because it runs from the server's first
 * minute, as the server's user: the encryption key (generated into the data directory unless configured), the
 * store's WAL folders (owned by that user), the hand-over folder, and a command line it can run. If that user
 * cannot read mockupAWS's own classes (a class path under {@code /root}), the server cannot archive by itself: WAL
 * is then archived only through the hand-over, while mockupAWS runs, with a warning.
 */
final class WalArchiving {

    static final String ENABLED = "mockupaws.backup.wal-archiving";
    static final String TIMEOUT = "mockupaws.backup.archive-timeout";

    /** Settings the archiver reads from the environment, by their Spring property and the variable it passes on. */
    private static final Map<String, String> PASSED_ON = passedOn();

    private WalArchiving() {}

    /**
     * @param log where to report; the caller's, because logging is not set up yet while the environment is being
     *            prepared, and only Boot's deferred log reaches the application's log from there
     */
    static Map<String, String> settings(ConfigurableEnvironment env, Path dataDir, Log log) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!env.getProperty(ENABLED, Boolean.class, true)) {
            log.info("WAL archiving is off (" + ENABLED + "=false): point-in-time recovery has no WAL to replay");
            settings.put("archive_mode", "off");
            return settings;
        }
        Path root = dataDir.toAbsolutePath().normalize();
        ServerUser user = ServerUser.current();
        if (isBlank(env.getProperty("mockupaws.backup.encryption-key"))) {
            Path key = BackupKeyFile.of(root);
            if (BackupKeyFile.ensure(root)) {
                log.warn("Generated the backup encryption key " + key + ". Keep a copy somewhere safe and apart from the "
                        + "backups: no backup or archived WAL can be restored without it (or set MOCKUPAWS_BACKUP_ENCRYPTION_KEY).");
            }
            user.handOver(key);
        }
        if (isBlank(env.getProperty("mockupaws.s3.bucket"))) prepareWalFolder(root.resolve("objects"), user);
        String secondaryDir = env.getProperty("mockupaws.backup.secondary.dir");
        if (!isBlank(secondaryDir)) prepareWalFolder(Path.of(secondaryDir.strip()).toAbsolutePath(), user);

        SelfInvocation self = SelfInvocation.ofThisProcess();
        Optional<Path> unreadable = user.firstUnreadable(self.classPath());
        unreadable.ifPresent(file -> log.warn("The embedded server runs as '" + user.name() + "', which cannot read " + file
                + " (part of this process's class path), so it cannot run 'backup wal-push' itself: its WAL is archived "
                + "only while mockupAWS runs, and waits in pg_wal otherwise. Run the packaged jar from a directory that "
                + "user can read to lift this."));
        settings.put("archive_mode", "on");
        settings.put("archive_timeout", Long.toString(archiveTimeoutSeconds(env.getProperty(TIMEOUT, "60s"))));
        Path handover = WalHandover.prepare(root, user);
        Optional<String> push = unreadable.isPresent() ? Optional.empty()
                : Optional.of(self.shellCommand("backup", "wal-push", "--data-dir", root.toString()));
        settings.put("archive_command", SelfInvocation.confString(WalHandover.install(handover, push)));
        return settings;
    }

    /**
     * The store and key settings as this process resolved them, for the server's environment: the archiver is a
     * separate process that reads only environment variables, and settings given as Spring properties (command-line
     * arguments, config files) would otherwise not reach it.
     */
    static Map<String, String> serverEnvironment(Environment env) {
        Map<String, String> vars = new LinkedHashMap<>();
        PASSED_ON.forEach((property, variable) -> {
            String value = env.getProperty(property);
            if (!isBlank(value)) vars.put(variable, value);
        });
        return vars;
    }

    /**
     * {@code 60s}, {@code 1m}, or a plain number of seconds (as in postgresql.conf). Spring would read a plain number
     * as milliseconds, and an archive_timeout of one second means a 16 MiB segment every second.
     */
    static long archiveTimeoutSeconds(String value) {
        String v = value.strip();
        Duration timeout = v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : DurationStyle.detectAndParse(v);
        if (timeout.toSeconds() < 1) {
            throw new EmbeddedPostgresException(TIMEOUT + " (MOCKUPAWS_WAL_ARCHIVE_TIMEOUT) must be at least 1 second, not " + value);
        }
        return timeout.toSeconds();
    }

    private static void prepareWalFolder(Path objects, ServerUser user) {
        try {
            Files.createDirectories(objects.resolve("wal"));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create the WAL archive folder " + objects.resolve("wal") + ": "
                    + e.getMessage(), e);
        }
        user.handOverItself(objects);
        user.handOverItself(objects.resolve("wal"));
    }

    private static Map<String, String> passedOn() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String field : List.of("endpoint", "region", "bucket", "prefix", "access-key", "secret-key", "path-style")) {
            String suffix = field.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            names.put("mockupaws.s3." + field, "MOCKUPAWS_S3_" + suffix);
            names.put("mockupaws.backup.secondary." + field, "MOCKUPAWS_BACKUP_SECONDARY_" + suffix);
        }
        names.put("mockupaws.backup.secondary.dir", "MOCKUPAWS_BACKUP_SECONDARY_DIR");
        names.put("mockupaws.backup.encryption-key", "MOCKUPAWS_BACKUP_ENCRYPTION_KEY");
        return Map.copyOf(names);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
