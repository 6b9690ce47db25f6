package io.mockupaws.ops.backup;

import io.mockupaws.platform.db.BackupKeyFile;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectSummary;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Backups, verification, retention and restores, as the CLI commands, the scheduled jobs and the admin API run
 * them. Every backup run is recorded in backup_history (running, then completed or failed); every restore in the
 * database it produced.
 */
public class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    /** pg_advisory_lock key of scheduled backups: one instance of several runs each scheduled job. */
    private static final long SCHEDULE_LOCK = 0x6d6b6177735f626bL;

    private final BackupSettings settings;
    private final ObjectStore store;
    private final BackupHistory history;
    private final Clock clock;
    private final PostgresTools.Factory tools;
    private volatile BackupEncryption encryption;

    BackupService(BackupSettings settings, ObjectStore store, BackupHistory history, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.history = history;
        this.clock = clock;
        this.tools = PostgresTools.Factory.of(settings.pgBin());
    }

    /** The service in the application context. */
    public static BackupService of(Environment env, ObjectStore backupStore, JdbcClient jdbc) {
        return new BackupService(BackupSettings.from(env), backupStore, BackupHistory.of(jdbc), Clock.systemUTC());
    }

    /**
     * The service for a restore, which must not depend on the database it may be replacing: no migrations run
     * before it, and its history writes are best effort.
     */
    public static BackupService standalone(Environment env, ObjectStore backupStore) {
        BackupSettings settings = BackupSettings.from(env);
        BackupHistory history = settings.database()
                .map(db -> BackupHistory.bestEffort(JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                        db.jdbcUrl(), db.user(), db.password()))))
                .orElse(BackupHistory.none());
        return new BackupService(settings, backupStore, history, Clock.systemUTC());
    }

    public String storeDescription() {
        return store.describe();
    }

    /** The key in use, resolved on first use: an application without a key still starts; its backups fail clearly. */
    public BackupEncryption encryption() {
        BackupEncryption e = encryption;
        if (e == null) {
            synchronized (this) {
                if (encryption == null) {
                    boolean generating = settings.embedded() && settings.encryptionKey().isBlank()
                            && !Files.exists(BackupKeyFile.of(settings.dataDir()));
                    encryption = BackupEncryption.configured(settings.encryptionKey(), settings.dataDir(), settings.embedded());
                    if (generating) {
                        log.warn("Generated the backup encryption key {}. Keep a copy somewhere safe and apart from the "
                                + "backups: they cannot be restored without it.", encryption.origin());
                    }
                }
                e = encryption;
            }
        }
        return e;
    }

    public BackupMetadata backupFull(BackupTrigger trigger) {
        return backUp(BackupKind.FULL, trigger, settings.requireDatabase());
    }

    public BackupMetadata backupBase(BackupTrigger trigger) {
        return backUp(BackupKind.BASE, trigger, settings.requireDatabase());
    }

    /**
     * A scheduled backup: runs only on the instance that gets the advisory lock, so several instances on one
     * database take one backup, not several.
     *
     * @return empty when another instance holds the lock
     */
    public Optional<BackupMetadata> backupScheduled(BackupKind kind) {
        PgConnection db = settings.requireDatabase();
        try (Connection c = db.open()) {
            if (!advisoryLock(c, "pg_try_advisory_lock")) {
                log.info("Skipping the scheduled {} backup: another instance is running one", kind.label());
                return Optional.empty();
            }
            try {
                return Optional.of(backUp(kind, BackupTrigger.SCHEDULED, db));
            } finally {
                advisoryLock(c, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new BackupException("Scheduled " + kind.label() + " backup could not start: " + e.getMessage(), e);
        }
    }

    private BackupMetadata backUp(BackupKind kind, BackupTrigger trigger, PgConnection db) {
        UUID id = BackupIds.next(clock.instant());
        Instant started = clock.instant();
        history.started(id, kind, trigger, started, store.describe());
        try {
            BackupEncryption key = encryption();
            BackupMetadata m = kind == BackupKind.FULL
                    ? new FullBackup(db, tools, store, key, settings.compressionLevel(), clock).run(id, trigger, started)
                    : new BaseBackup(db, tools, store, key, settings.compressionLevel(), clock).run(id, trigger, started);
            try {
                new BackupCatalog(store).write(m);
            } catch (RuntimeException e) {
                store.delete(m.objectKey());
                throw e;
            }
            history.completed(m);
            log.info("{} backup {} of {} completed: {} bytes in {} ms", kind.label(), id, db, m.sizeBytes(),
                    Duration.between(started, m.finishedAt()).toMillis());
            return m;
        } catch (RuntimeException e) {
            history.failed(id, clock.instant(), e.getMessage() == null ? e.toString() : e.getMessage());
            log.warn("{} backup {} of {} failed: {}", kind.label(), id, db, e.getMessage());
            throw e;
        }
    }

    /** Verifies a backup ({@code latest} = the newest of any kind) and records the outcome. */
    public Verified verify(String reference) {
        BackupMetadata backup = new BackupCatalog(store).resolve(reference, Optional.empty());
        try {
            String detail = new BackupVerification(store, encryption(), tools).verify(backup);
            history.verified(backup.id(), clock.instant(), null);
            return new Verified(backup, detail);
        } catch (RuntimeException e) {
            history.verified(backup.id(), clock.instant(), e.getMessage());
            throw e;
        }
    }

    /** @param detail what was checked */
    public record Verified(BackupMetadata backup, String detail) {}

    public List<BackupRun> history(int limit) {
        return history.list(limit);
    }

    /** Every complete backup in the store, oldest first. */
    public List<BackupMetadata> backups() {
        return new BackupCatalog(store).all();
    }

    /**
     * Applies retention ({@code MOCKUPAWS_BACKUP_RETENTION_DAYS}); see {@link RetentionPolicy} for what is kept.
     */
    public CleanupReport cleanup() {
        Instant now = clock.instant();
        BackupCatalog catalog = new BackupCatalog(store);
        List<ObjectSummary> wal = store.list(WalArchive.PREFIX);
        RetentionPolicy.Plan plan = RetentionPolicy.plan(catalog.all(), wal, catalog.incomplete(), now,
                Duration.ofDays(settings.retentionDays()));
        for (BackupMetadata b : plan.expired()) catalog.delete(BackupMetadata.prefix(b.id()));
        for (String folder : plan.incompleteFolders()) catalog.delete(folder);
        for (String key : plan.expiredWal()) store.delete(key);
        history.deleted(plan.expired().stream().map(BackupMetadata::id).toList(), now);
        CleanupReport report = new CleanupReport(settings.retentionDays(), plan.kept().size(),
                plan.expired().stream().map(BackupMetadata::id).toList(), plan.incompleteFolders(), plan.expiredWal().size(),
                wal.size() - plan.expiredWal().size(), plan.walKeptFrom());
        log.info("Backup cleanup: {}", report);
        return report;
    }

    /**
     * @param walKeptFrom the oldest WAL segment still needed (by the oldest kept base backup)
     */
    public record CleanupReport(int retentionDays, int backupsKept, List<UUID> backupsDeleted, List<String> incompleteDeleted,
                                int walDeleted, int walKept, Optional<String> walKeptFrom) {}

    public RestoreReport restore(RestoreRequest request, Consumer<String> progress) {
        Optional<BackupLocation> location = BackupLocation.isUri(request.source())
                ? Optional.of(BackupLocation.open(request.source(), settings.dataDir(), settings.primaryS3(), settings.secondaryS3()))
                : Optional.empty();
        try {
            ObjectStore from = location.map(BackupLocation::store).orElse(store);
            String fromName = from.describe();
            BackupKind kind = request.pointInTime() ? BackupKind.BASE : BackupKind.FULL;
            BackupCatalog catalog = new BackupCatalog(from);
            BackupMetadata backup = chooseBackup(catalog, location, request, kind);
            if (request.verifyOnly()) return verifyOnly(from, backup, request);
            if (request.pointInTime()) {
                return new PitrRestore(encryption(), clock, progress, Duration.ofHours(6))
                        .run(from, fromName, backup, request.targetTime(), request.targetDir().orElseThrow(), request.dryRun());
            }
            PgConnection db = settings.requireDatabase();
            return new LogicalRestore(db, tools, encryption(), safety -> backUp(BackupKind.FULL, BackupTrigger.PRE_RESTORE, safety),
                    clock, progress)
                    .run(from, fromName, backup, request.targetDatabase(), request.jobs(), request.dryRun());
        } finally {
            location.ifPresent(BackupLocation::close);
        }
    }

    /**
     * The backup a restore uses. For point-in-time recovery, {@code latest} means the newest base backup that
     * finished before the target time: a newer one could not go back to it.
     */
    private static BackupMetadata chooseBackup(BackupCatalog catalog, Optional<BackupLocation> location,
                                               RestoreRequest request, BackupKind kind) {
        if (location.isPresent()) {
            UUID id = location.get().backupId().orElseThrow(() -> new BackupException("'" + request.source()
                    + "' names a store, not a backup; add /backups/<id> (see 'backup list' there)"));
            return catalog.resolve(id.toString(), Optional.of(kind));
        }
        if (kind == BackupKind.BASE && request.source().strip().equalsIgnoreCase("latest") && request.targetTime().isPresent()) {
            Instant target = request.targetTime().get();
            List<BackupMetadata> bases = catalog.all().stream().filter(b -> b.kind() == BackupKind.BASE).toList();
            if (bases.isEmpty()) throw new BackupException("There is no base backup in " + catalog.store().describe());
            return bases.stream().filter(b -> !b.finishedAt().isAfter(target)).reduce((a, b) -> b)
                    .orElseThrow(() -> new BackupException("Target time " + target + " is before every base backup (the oldest "
                            + "finished " + bases.getFirst().finishedAt() + "): no base backup can be taken back that far. "
                            + "Nothing was restored."));
        }
        return catalog.resolve(request.source(), Optional.of(kind));
    }

    private RestoreReport verifyOnly(ObjectStore from, BackupMetadata backup, RestoreRequest request) {
        Instant started = clock.instant();
        String detail = new BackupVerification(from, encryption(), tools).verify(backup);
        List<String> steps = new java.util.ArrayList<>(List.of("verified backup " + backup.id() + ": " + detail));
        if (backup.kind() == BackupKind.BASE) {
            List<String> names = from.list(WalArchive.PREFIX).stream()
                    .map(o -> o.key().substring(WalArchive.PREFIX.length())).toList();
            WalChain chain = WalChain.of(names, backup.startWalFile(),
                    backup.walSegmentBytes() == null ? 16L * 1024 * 1024 : backup.walSegmentBytes());
            if (!chain.complete()) {
                throw new BackupException("Missing WAL after base backup " + backup.id() + ": the archive lacks "
                        + String.join(", ", chain.missing()));
            }
            steps.add("WAL archive: " + chain.segments() + " segment(s) from " + chain.first() + " to "
                    + chain.last().orElse("(none yet)") + ", no gaps");
        }
        steps.add("verify only: nothing restored");
        history.verified(backup.id(), clock.instant(), null);
        return new RestoreReport(backup, request.pointInTime(), request.targetDir().map(Object::toString)
                .or(() -> request.targetDatabase()).orElse(""), request.targetTime(), false, java.util.Map.of(), null,
                Optional.empty(), Duration.between(started, clock.instant()), steps);
    }

    private static boolean advisoryLock(Connection c, String function) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + function + "(?)")) {
            p.setLong(1, SCHEDULE_LOCK);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
