package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.platform.db.ServerUser;
import io.mockupaws.storage.FileSystemObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore_command a recovering server runs, against a feed, as PostgreSQL runs it: sh -c with %f and %p replaced. */
class WalFeedTest {

    static final long SEGMENT = 16L * 1024 * 1024;

    @TempDir
    Path temp;

    private final BackupEncryption encryption = BackupEncryption.ofKey(BackupEncryptionTest.key(1), "test key");

    @Test
    void answersWhatTheArchiveHasAndHasNotAndFetchesTheNextSegmentsAhead() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(temp.resolve("objects"));
        WalArchive archive = new WalArchive(store, encryption);
        for (String name : new String[] {"000000010000000000000005", "000000010000000000000006", "000000010000000000000007"}) {
            archive.push(Files.write(temp.resolve(name), BackupEncryptionTest.random(4096, name.hashCode())));
        }
        Path feed = Files.createDirectories(temp.resolve("wal-feed"));
        Path pgWal = Files.createDirectories(temp.resolve("pg_wal"));

        try (WalFeed ignored = new WalFeed(archive, feed, SEGMENT, ServerUser.current())) {
            assertThat(restore("000000010000000000000005", pgWal)).isZero();
            assertThat(Files.readAllBytes(pgWal.resolve("RECOVERYXLOG")))
                    .isEqualTo(Files.readAllBytes(temp.resolve("000000010000000000000005")));
            awaitFile(feed.resolve("000000010000000000000007"));

            assertThat(restore("000000010000000000000006", pgWal)).isZero();
            assertThat(restore("00000002.history", pgWal)).as("not in the archive").isEqualTo(1);
            assertThat(restore("000000010000000000000009", pgWal)).isEqualTo(1);

            // damaged after it was fetched ahead: asked again once taken, it is fetched again and fails
            assertThat(restore("000000010000000000000007", pgWal)).isZero();
            Path stored = temp.resolve("objects/wal/000000010000000000000007");
            byte[] bytes = Files.readAllBytes(stored);
            bytes[bytes.length - 20] ^= 1;
            Files.write(stored, bytes);
            // What must never happen is damaged WAL reaching the server: the request either fails (127 stops
            // recovery) or, when a verified copy fetched earlier still answers it, gets exactly the archived bytes.
            int again = restore("000000010000000000000007", pgWal);
            if (again == 0) {
                assertThat(Files.readAllBytes(pgWal.resolve("RECOVERYXLOG")))
                        .isEqualTo(Files.readAllBytes(temp.resolve("000000010000000000000007")));
            } else {
                assertThat(again).as("a broken command stops recovery").isEqualTo(127);
            }
        }
    }

    private static int restore(String name, Path pgWal) throws IOException, InterruptedException {
        String command = WalFeed.restoreCommand(pgWal.resolveSibling("wal-feed"))
                .replace("%f", name).replace("%p", pgWal.resolve("RECOVERYXLOG").toString());
        Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static void awaitFile(Path file) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(file)) {
            if (Instant.now().isAfter(giveUp)) throw new AssertionError(file + " was not fetched ahead");
            Thread.sleep(10);
        }
    }
}
