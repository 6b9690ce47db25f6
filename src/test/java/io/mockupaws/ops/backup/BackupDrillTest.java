package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.storage.FileSystemObjectStore;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectStores;
import io.mockupaws.storage.S3ProxyServer;
import io.mockupaws.storage.S3Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The backup drills, on the real embedded PostgreSQL 15 with the real pg_dump / pg_restore / pg_basebackup: backups
 * that are restored, corrupted, decrypted with the wrong key, stored in S3, and retained. (Point-in-time recovery,
 * which needs WAL archived by the server itself, is drilled through the packaged jar in PitrIT.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "mockupaws.data-dir=target/test-data",
        "mockupaws.database.embedded-name=mockupaws_backup_drill",
        "mockupaws.database.embedded-fresh=true",
        "mockupaws.scheduling.enabled=false",
        "mockupaws.backup.encryption-key=" + BackupDrillTest.KEY})
class BackupDrillTest {

    static final String KEY = "q83vEjRWeJCrze8BI0VniZq83vEjRWeJCrze8BI0VnY=";
    static final List<String> SCRATCH = List.of("drill_restored", "drill_existing", "drill_s3", "drill_uri");

    @Autowired
    Environment env;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    private FileSystemObjectStore store;
    private BackupService backups;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void seedTheApplicationsTables() {
        dropScratchDatabases();
        jdbc.sql("TRUNCATE scenarios, scenario_logs, scenario_metrics, scenario_source_stats, scenario_ingest_totals, backup_history CASCADE").update();
        // every scenario has an owner: the drills' rows belong to the account existing rows migrated to
        jdbc.sql("""
                INSERT INTO scenarios (owner_id, name, description, region, tags, pipeline, status, started_at)
                SELECT (SELECT id FROM users ORDER BY created_at LIMIT 1), 'drill ' || g, repeat('ü', g % 7), 'eu-west-1',
                       ARRAY['team-' || g % 3], jsonb_build_object('n', g), 'running', now()
                FROM generate_series(1, 40) g""").update();
        jdbc.sql("""
                INSERT INTO scenario_logs (scenario_id, received_at, event_time, source, message_hash, preview, size_bytes,
                                           sqs_blocks, token_count, char_count, pii_types, has_pii)
                SELECT s.id, now() + make_interval(secs => g), NULL, 'host-' || g % 4, sha256(convert_to(s.id::text || g, 'UTF8')),
                       'GET /api/' || g || E' \\t "quoted" \\\\ line', 200 + g, 1 + g / 50, g, 30 + g,
                       CASE WHEN g % 9 = 0 THEN ARRAY['email'] ELSE '{}' END, g % 9 = 0
                FROM scenarios s, generate_series(1, 60) g""").update();
        jdbc.sql("""
                INSERT INTO scenario_metrics (scenario_id, minute, events, bytes)
                SELECT id, date_trunc('minute', now()), 60, 12345 FROM scenarios""").update();
        store = new FileSystemObjectStore(temp.resolve("objects"));
        backups = service(store, settings(), Clock.systemUTC());
    }

    @AfterEach
    void dropScratchDatabases() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String db : SCRATCH) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                s.execute("DROP DATABASE IF EXISTS " + db + "_restoring WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drill 2: full backup, restore into a new database, every table identical. */
    @Test
    void aFullBackupRestoresIntoANewDatabaseWithIdenticalTables() throws Exception {
        BackupMetadata backup = backups.backupFull(BackupTrigger.MANUAL);

        RestoreReport report = backups.restore(logical("latest", "drill_restored"), progress::add);

        assertThat(report.restored()).isTrue();
        assertThat(report.rowCounts()).containsEntry("public.scenarios", 40L).containsEntry("public.scenario_metrics", 40L);
        assertThat(report.rowCounts().entrySet().stream().filter(e -> e.getKey().startsWith("public.scenario_logs_"))
                .mapToLong(Map.Entry::getValue).sum()).isEqualTo(2400);
        assertThat(report.safetyBackup()).as("the database did not exist").isEmpty();
        assertThat(tableChecksums("drill_restored")).isEqualTo(tableChecksums(currentDatabase()));
        assertThat(backup.rowCounts()).isEqualTo(report.rowCounts());
        // The object is encrypted, and the run recorded.
        byte[] stored = Files.readAllBytes(temp.resolve("objects").resolve(backup.objectKey()));
        assertThat(new String(stored, 0, 8)).isEqualTo("MKAWSBK1");
        assertThat(new String(stored)).doesNotContain("drill 1", "PGDMP");
        assertThat(backups.history(10)).anySatisfy(run -> {
            assertThat(run.id()).isEqualTo(backup.id());
            assertThat(run.status()).isEqualTo("completed");
            assertThat(run.sha256()).isEqualTo(backup.sha256());
            assertThat(run.startLsn()).isEqualTo(backup.startLsn());
        });
        assertThat(countIn("drill_restored", "SELECT count(*) FROM backup_history WHERE kind = 'restore'")).isEqualTo(1);
        assertThat(backups.verify(backup.id().toString().substring(0, 13)).detail()).contains("pg_restore --list reads");
    }

    @Test
    void restoringOverAnExistingDatabaseTakesASafetyBackupFirstAndReplacesItOnlyAfterValidation() throws Exception {
        backups.backupFull(BackupTrigger.MANUAL);
        backups.restore(logical("latest", "drill_existing"), progress::add);
        execute("drill_existing", "INSERT INTO scenarios (owner_id, name, region, pipeline) SELECT id, 'written after the backup', "
                + "'us-east-1', '{}' FROM users ORDER BY created_at LIMIT 1");

        RestoreReport report = backups.restore(logical("latest", "drill_existing"), progress::add);

        assertThat(report.safetyBackup()).isPresent();
        BackupMetadata safety = backups.backups().stream().filter(b -> b.id().equals(report.safetyBackup().get())).findFirst().orElseThrow();
        assertThat(safety.trigger()).isEqualTo(BackupTrigger.PRE_RESTORE);
        assertThat(safety.database()).isEqualTo("drill_existing");
        assertThat(safety.rowCounts()).containsEntry("public.scenarios", 41L);
        assertThat(countIn("drill_existing", "SELECT count(*) FROM scenarios")).isEqualTo(40);
        assertThat(databaseExists("drill_existing_restoring")).isFalse();
        assertThat(countIn("drill_existing", "SELECT count(*) FROM backup_history WHERE id = '" + safety.id()
                + "' AND status = 'completed' AND trigger = 'pre-restore'"))
                .as("the replaced database's safety backup is on record in the restored one").isEqualTo(1);
    }

    /** Drill 3: one flipped byte; verify and restore fail clearly and nothing is restored. */
    @Test
    void aCorruptedBackupFailsVerificationAndRestoreAndLeavesEveryDatabaseAsItWas() throws Exception {
        BackupMetadata backup = backups.backupFull(BackupTrigger.MANUAL);
        backups.restore(logical("latest", "drill_existing"), progress::add);
        Map<String, String> before = tableChecksums("drill_existing");
        Path object = temp.resolve("objects").resolve(backup.objectKey());
        byte[] bytes = Files.readAllBytes(object);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(object, bytes);

        assertThatThrownBy(() -> backups.verify("latest"))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("Backup " + backup.id() + " is corrupted")
                .hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> backups.restore(logical(backup.id().toString(), "drill_existing"), progress::add))
                .hasMessageContaining("is corrupted");
        assertThatThrownBy(() -> backups.restore(logical("latest", "drill_restored"), progress::add))
                .hasMessageContaining("is corrupted");

        assertThat(tableChecksums("drill_existing")).isEqualTo(before);
        assertThat(databaseExists("drill_restored")).isFalse();
        assertThat(databaseExists("drill_existing_restoring")).isFalse();
        assertThat(backups.history(10)).filteredOn(r -> r.id().equals(backup.id()))
                .singleElement().satisfies(r -> assertThat(r.verifyError()).contains("is corrupted"));
        assertThat(backups.backups()).as("no safety backup was taken: nothing was about to be replaced").hasSize(1);
    }

    /** Drill 4: the wrong key is named as such, and nothing changes. */
    @Test
    void theWrongKeyIsReportedWithBothFingerprintsAndNothingIsRestored() {
        BackupMetadata backup = backups.backupFull(BackupTrigger.MANUAL);
        String otherKey = Base64.getEncoder().encodeToString(BackupEncryptionTest.key(42));
        BackupService wrongKey = service(store, settings().withKey(otherKey), Clock.systemUTC());
        String otherFingerprint = BackupEncryption.fromBase64(otherKey, "x").fingerprint();

        assertThatThrownBy(() -> wrongKey.verify("latest"))
                .isInstanceOf(BackupEncryptionException.class)
                .hasMessageContaining("was encrypted with key " + backup.keyFingerprint())
                .hasMessageContaining("the configured key (MOCKUPAWS_BACKUP_ENCRYPTION_KEY) is " + otherFingerprint);
        assertThatThrownBy(() -> wrongKey.restore(logical("latest", "drill_restored"), progress::add))
                .isInstanceOf(BackupEncryptionException.class)
                .hasMessageContaining("Nothing was restored");
        assertThat(databaseExists("drill_restored")).isFalse();
    }

    @Test
    void aToolThatFailsFailsTheBackupWhichIsRecordedWithTheToolsErrorAndLeavesNothingInTheStore() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("fake-bin"));
        Files.writeString(bin.resolve("pg_dump"), """
                #!/bin/sh
                if [ "$1" = --version ]; then echo 'pg_dump (PostgreSQL) 15.99'; exit 0; fi
                head -c 3000000 /dev/urandom
                echo 'pg_dump: error: connection to server lost' >&2
                exit 1
                """);
        bin.resolve("pg_dump").toFile().setExecutable(true);
        BackupService failing = service(store, settings().withPgBin(bin.toString()), Clock.systemUTC());

        assertThatThrownBy(() -> failing.backupFull(BackupTrigger.MANUAL))
                .hasMessageContaining("pg_dump failed (exit 1): pg_dump: error: connection to server lost");

        assertThat(store.list("")).isEmpty();
        assertThat(failing.history(1)).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("failed");
            assertThat(run.error()).contains("connection to server lost");
            assertThat(run.finishedAt()).isNotNull();
        });
    }

    @Test
    void aScheduledBackupRunsOnOneInstanceOnly() throws SQLException {
        try (Connection other = connect(currentDatabase()); Statement s = other.createStatement()) {
            // what another instance's scheduled backup holds while it runs
            s.execute("SELECT pg_advisory_lock(" + 0x6d6b6177735f626bL + ")");

            assertThat(backups.backupScheduled(BackupKind.FULL)).isEmpty();

            s.execute("SELECT pg_advisory_unlock_all()");
        }
        assertThat(backups.backupScheduled(BackupKind.FULL)).hasValueSatisfying(b ->
                assertThat(b.trigger()).isEqualTo(BackupTrigger.SCHEDULED));
    }

    /** Drill 5: the S3 path end to end, with the secondary copy. */
    @Test
    void backupsAndWalGoToS3AndTheSecondaryAndRestoreFromThere() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        String bucket = s3.newBucket();
        S3Settings primary = s3.settings(bucket, "mockupaws");
        try (ObjectStores stores = ObjectStores.create(temp, primary, temp.resolve("offsite").toString(), S3Settings.NONE)) {
            BackupService viaS3 = service(stores.backup(), settings().withPrimaryS3(primary), Clock.systemUTC());
            BackupMetadata backup = viaS3.backupFull(BackupTrigger.MANUAL);

            assertThat(stores.primary().stat(backup.objectKey())).isPresent();
            assertThat(stores.primary().stat(BackupMetadata.metadataKey(backup.id()))).isPresent();
            FileSystemObjectStore offsite = new FileSystemObjectStore(temp.resolve("offsite"));
            assertThat(offsite.stat(backup.objectKey()).orElseThrow().sha256()).contains(backup.sha256());
            assertThat(viaS3.verify("latest").detail()).contains("pg_restore --list");

            viaS3.restore(logical("latest", "drill_s3"), progress::add);
            assertThat(tableChecksums("drill_s3")).isEqualTo(tableChecksums(currentDatabase()));

            // A backup named by URI, from a store that is not the configured one: here, the bucket itself.
            RestoreReport fromUri = viaS3.restore(logical("s3://" + bucket + "/mockupaws/backups/" + backup.id(), "drill_uri"),
                    progress::add);
            assertThat(fromUri.source().id()).isEqualTo(backup.id());
            assertThat(tableChecksums("drill_uri")).isEqualTo(tableChecksums(currentDatabase()));
            // and from the secondary's folder, as after losing the bucket
            assertThat(viaS3.restore(new RestoreRequest("file:" + temp.resolve("offsite/backups/" + backup.id()),
                    Optional.empty(), Optional.of("drill_uri"), Optional.empty(), 2, true, true), progress::add).steps())
                    .anyMatch(s -> s.contains("verified backup " + backup.id()));

            WalArchive wal = new WalArchive(stores.backup(), viaS3.encryption());
            Path segment = Files.write(temp.resolve("000000010000000000000042"), BackupEncryptionTest.random(1 << 20, 9));
            wal.push(segment);
            assertThat(offsite.stat("wal/000000010000000000000042")).isPresent();
            assertThat(new WalArchive(stores.primary(), viaS3.encryption()).fetch("000000010000000000000042", temp.resolve("back"))).isTrue();
            assertThat(Files.readAllBytes(temp.resolve("back"))).isEqualTo(Files.readAllBytes(segment));
        }
    }

    /**
     * Drill 6: retention with real backups and real archived WAL. The exact case: when every backup is older than the
     * period, the newest base backup stays, and with it every WAL segment from its start on, however old.
     */
    @Test
    void retentionDeletesOldBackupsButNeverWalThatAKeptBaseBackupNeeds() throws Exception {
        BackupMetadata full = backups.backupFull(BackupTrigger.MANUAL);
        BackupMetadata base = backups.backupBase(BackupTrigger.MANUAL);
        assertThat(backups.verify(base.id().toString()).detail()).contains("files match the backup manifest");
        long start = segmentNumber(base.startWalFile());
        assertThat(start).as("the test cluster has written a few segments before").isGreaterThan(2);
        // An older generation: a base backup two segments earlier and a full backup, 60 days ago.
        Instant longAgo = Instant.now().minus(Duration.ofDays(60));
        BackupMetadata oldBase = copy(base, longAgo, segmentName(start - 2));
        BackupMetadata oldFull = copy(full, longAgo, null);
        WalArchive wal = new WalArchive(store, backups.encryption());
        for (long n = start - 3; n <= start + 2; n++) {
            wal.push(Files.write(temp.resolve(segmentName(n)), BackupEncryptionTest.random(1000, n)));
        }

        BackupService tenDaysLater = service(store, settings(), Clock.fixed(Instant.now().plus(Duration.ofDays(10)), ZoneOffset.UTC));
        BackupService.CleanupReport first = tenDaysLater.cleanup();

        assertThat(first.backupsDeleted()).containsExactlyInAnyOrder(oldBase.id(), oldFull.id());
        assertThat(walNames()).containsExactly(segmentName(start), segmentName(start + 1), segmentName(start + 2));
        assertThat(backups.backups()).extracting(BackupMetadata::id).containsExactly(full.id(), base.id());
        assertThat(store.list("backups/" + oldBase.id())).isEmpty();

        BackupService ninetyDaysLater = service(store, settings(), Clock.fixed(Instant.now().plus(Duration.ofDays(90)), ZoneOffset.UTC));
        BackupService.CleanupReport second = ninetyDaysLater.cleanup();

        assertThat(second.backupsDeleted()).isEmpty();
        assertThat(walNames()).containsExactly(segmentName(start), segmentName(start + 1), segmentName(start + 2));
        assertThat(second.walKeptFrom()).contains(base.startWalFile());
        assertThat(backups.verify(base.id().toString()).detail()).contains("files match the backup manifest");
    }

    // --- helpers

    private BackupService service(ObjectStore objects, BackupSettings settings, Clock clock) {
        return new BackupService(settings, objects, BackupHistory.of(jdbc), clock);
    }

    private Settings settings() {
        return new Settings(BackupSettings.from(env));
    }

    /** BackupSettings with one thing changed. */
    record Settings(BackupSettings s) {
        BackupSettings withKey(String key) {
            return new BackupSettings(s.dataDir(), s.embedded(), s.database(), key, s.pgBin(), s.retentionDays(),
                    s.compressionLevel(), s.primaryS3(), s.secondaryS3());
        }

        BackupSettings withPgBin(String bin) {
            return new BackupSettings(s.dataDir(), s.embedded(), s.database(), s.encryptionKey(), bin, s.retentionDays(),
                    s.compressionLevel(), s.primaryS3(), s.secondaryS3());
        }

        BackupSettings withPrimaryS3(S3Settings primary) {
            return new BackupSettings(s.dataDir(), s.embedded(), s.database(), s.encryptionKey(), s.pgBin(), s.retentionDays(),
                    s.compressionLevel(), primary, s.secondaryS3());
        }
    }

    private BackupService service(ObjectStore objects, Settings settings, Clock clock) {
        return service(objects, settings.s(), clock);
    }

    private static RestoreRequest logical(String source, String targetDb) {
        return new RestoreRequest(source, Optional.empty(), Optional.of(targetDb), Optional.empty(), 2, false, false);
    }

    private BackupMetadata copy(BackupMetadata m, Instant finished, String startWalFile) throws IOException {
        UUID id = BackupIds.next(finished);
        String objectKey = BackupMetadata.prefix(id) + m.kind().objectName();
        try (var in = store.get(m.objectKey())) {
            store.put(objectKey, in, m.sizeBytes(), Map.of());
        }
        BackupMetadata copy = new BackupMetadata(1, id, m.kind(), m.trigger(), finished.minusSeconds(5), finished, m.database(),
                m.databaseBytes(), m.serverVersion(), m.tool(), objectKey, m.sizeBytes(), m.sha256(), m.plainSizeBytes(), m.plainSha256(),
                m.keyFingerprint(), m.startLsn(), m.endLsn(), m.timeline(), startWalFile, m.endWalFile(), m.walSegmentBytes(),
                m.rowCounts());
        new BackupCatalog(store).write(copy);
        return copy;
    }

    private List<String> walNames() {
        return store.list("wal/").stream().map(o -> o.key().substring(4)).toList();
    }

    /**
     * 16 MiB segments: 256 to a logical WAL file. A WAL file name is timeline, logical file, segment (8 hex digits
     * each); after 4 GiB of WAL (a whole test run writes that) the logical file is no longer 0.
     */
    private static final long SEGMENTS_PER_LOG = 0x100;

    private static long segmentNumber(String walFile) {
        return Long.parseLong(walFile.substring(8, 16), 16) * SEGMENTS_PER_LOG + Long.parseLong(walFile.substring(16), 16);
    }

    private static String segmentName(long n) {
        return String.format("00000001%08X%08X", n / SEGMENTS_PER_LOG, n % SEGMENTS_PER_LOG);
    }

    private String currentDatabase() {
        return jdbc.sql("SELECT current_database()").query(String.class).single();
    }

    /** Row count and MD5 of every row's text, per table, except backup_history (which the backup itself writes to). */
    private Map<String, String> tableChecksums(String database) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = connect(database)) {
            for (DatabaseTables.Table t : DatabaseTables.list(c)) {
                if (t.name().equals("public.backup_history")) continue;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM "
                                + t.qualified() + " t")) {
                    rs.next();
                    sums.put(t.name(), rs.getString(1));
                }
            }
        }
        assertThat(sums).isNotEmpty();
        return sums;
    }

    private long countIn(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private boolean databaseExists(String name) {
        return jdbc.sql("SELECT count(*) FROM pg_database WHERE datname = :n").param("n", name).query(Long.class).single() > 0;
    }

    private Connection connect(String database) throws SQLException {
        return BackupSettings.from(env).requireDatabase().withDatabase(database).open();
    }

    private Connection admin() throws SQLException {
        return connect("postgres");
    }
}
