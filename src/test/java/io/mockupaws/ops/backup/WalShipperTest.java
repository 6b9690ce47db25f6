package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.platform.db.WalHandover;
import io.mockupaws.storage.FileSystemObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-over archive_command, run as PostgreSQL runs it (sh -c, in the cluster directory, %p and %f replaced),
 * against a real shipper, archive and folder — and against no shipper, a dead one and a silent one, where the
 * command must archive by itself (here the stand-in for {@code backup wal-push} leaves a marker).
 */
class WalShipperTest {

    static final String NAME = "000000010000000000000007";

    @TempDir
    Path temp;

    private final BackupEncryption encryption = BackupEncryption.ofKey(BackupEncryptionTest.key(1), "test key");
    private Path cluster;
    private Path folder;
    private WalArchive archive;
    private WalShipper shipper;

    @BeforeEach
    void aClusterWithOneFinishedSegment() throws IOException {
        cluster = Files.createDirectories(temp.resolve("pg"));
        Files.createDirectories(cluster.resolve("pg_wal"));
        Files.write(cluster.resolve("pg_wal").resolve(NAME), BackupEncryptionTest.random(3 * 1024 * 1024, 7));
        folder = Files.createDirectories(temp.resolve(WalHandover.FOLDER));
        archive = new WalArchive(new FileSystemObjectStore(temp.resolve("objects")), encryption, 0);
    }

    @AfterEach
    void stopShipping() {
        if (shipper != null) shipper.close();
    }

    @Test
    void theRunningProcessArchivesTheSegmentAndTheCommandExitsZeroOnlyOnceItIsStored() throws Exception {
        startShipper();

        Run run = archiveCommand(NAME);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(shipper.shipped()).isEqualTo(1);
        assertThat(fallbackRan(NAME)).as("no wal-push process").isFalse();
        Path restored = temp.resolve("restored");
        assertThat(archive.fetch(NAME, restored)).isTrue();
        assertThat(Files.readAllBytes(restored)).isEqualTo(Files.readAllBytes(cluster.resolve("pg_wal").resolve(NAME)));
        assertThat(leftInFolder()).as("nothing left but the shipper's announcement").containsExactly(WalHandover.ALIVE);

        assertThat(archiveCommand(NAME).exit()).as("PostgreSQL retrying an archived segment").isZero();
        assertThat(shipper.shipped()).isEqualTo(2);
    }

    @Test
    void aPushThatFailsExitsOneWithTheReasonInTheServerLogAndStoresNothingNew() throws Exception {
        startShipper();
        assertThat(archiveCommand(NAME).exit()).isZero();
        byte[] archived = Files.readAllBytes(temp.resolve("objects/wal/" + NAME));
        // another cluster's segment under the same name
        Files.write(cluster.resolve("pg_wal").resolve(NAME), BackupEncryptionTest.random(3 * 1024 * 1024, 8));

        Run run = archiveCommand(NAME);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("could not archive " + NAME, "different content");
        assertThat(Files.readAllBytes(temp.resolve("objects/wal/" + NAME))).as("nothing overwritten").isEqualTo(archived);
        assertThat(fallbackRan(NAME)).isFalse();
        assertThat(leftInFolder()).containsExactly(WalHandover.ALIVE);
    }

    @Test
    void aRequestForAnythingButTheNamedFileInPgWalIsRefused() throws Exception {
        startShipper();
        Files.writeString(folder.resolve(NAME + WalHandover.REQUEST), "/etc/hostname\n");

        await(() -> Files.exists(folder.resolve(NAME + WalHandover.ERROR)));

        assertThat(Files.readString(folder.resolve(NAME + WalHandover.ERROR))).contains("not a WAL file in");
        assertThat(temp.resolve("objects/wal/" + NAME)).doesNotExist();
    }

    @Test
    void withoutAShipperTheCommandArchivesByItself() throws Exception {
        Run run = archiveCommand(NAME);

        assertThat(run.exit()).isZero();
        assertThat(fallbackRan(NAME)).isTrue();
        assertThat(leftInFolder()).isEmpty();
    }

    @Test
    void aShipperThatStoppedHandsBackToTheCommand() throws Exception {
        startShipper();
        shipper.close();
        assertThat(folder.resolve(WalHandover.ALIVE)).as("withdrawn").doesNotExist();

        assertThat(archiveCommand(NAME).exit()).isZero();
        assertThat(fallbackRan(NAME)).isTrue();
    }

    @Test
    void anAnnouncementLeftByAKilledProcessIsIgnored() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(folder.resolve(WalHandover.ALIVE), Long.toString(gone.pid()));

        Run run = archiveCommand(NAME);

        assertThat(run.exit()).isZero();
        assertThat(fallbackRan(NAME)).isTrue();
        assertThat(leftInFolder()).as("no request left behind").containsExactly(WalHandover.ALIVE);
    }

    @Test
    void aShipperThatDiesAfterClaimingMakesTheCommandFailSoThatPostgresRetries() throws Exception {
        Process doomed = new ProcessBuilder("sleep", "30").start();
        Files.writeString(folder.resolve(WalHandover.ALIVE), Long.toString(doomed.pid()));
        Process command = start(NAME);
        Path request = folder.resolve(NAME + WalHandover.REQUEST);
        await(() -> Files.exists(request));
        Files.move(request, folder.resolve(NAME + WalHandover.TAKEN)); // claimed, then the shipper's process dies
        doomed.destroyForcibly().waitFor();

        assertThat(command.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(command.exitValue()).isEqualTo(1);
        assertThat(new String(command.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("stopped while archiving " + NAME);
        assertThat(fallbackRan(NAME)).as("never two archivers for one file").isFalse();
    }

    @Test
    void aRequestNobodyClaimsIsTakenBackAndArchivedByTheCommand() throws Exception {
        // this process announces itself but does not ship (a shipper thread that died)
        Files.writeString(folder.resolve(WalHandover.ALIVE), Long.toString(ProcessHandle.current().pid()));
        Instant started = Instant.now();

        Run run = archiveCommand(NAME);

        assertThat(run.exit()).isZero();
        assertThat(fallbackRan(NAME)).isTrue();
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(9));
        assertThat(leftInFolder()).containsExactly(WalHandover.ALIVE);
    }

    private void startShipper() throws InterruptedException {
        shipper = new WalShipper(folder, cluster.resolve("pg_wal"), archive, () -> { }, null);
        shipper.start();
        await(() -> Files.exists(folder.resolve(WalHandover.ALIVE)));
    }

    private record Run(int exit, String stderr) {}

    private Run archiveCommand(String name) throws Exception {
        Process p = start(name);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** As PostgreSQL's archiver runs it: in the cluster directory, with %p relative to it. */
    private Process start(String name) throws IOException {
        // stands in for "... backup wal-push --data-dir DIR": leaves pg_wal/<name>.fallback
        String command = WalHandover.install(folder, Optional.of("sh -c 'touch \"$1.fallback\"' wal-push"))
                .replace("%p", "pg_wal/" + name).replace("%f", name);
        return new ProcessBuilder("sh", "-c", command).directory(cluster.toFile()).start();
    }

    private boolean fallbackRan(String name) {
        return Files.exists(cluster.resolve("pg_wal").resolve(name + ".fallback"));
    }

    private List<String> leftInFolder() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(WalHandover.SCRIPT)).sorted().toList();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) throw new AssertionError("condition not met within 20 s");
            Thread.sleep(10);
        }
    }
}
