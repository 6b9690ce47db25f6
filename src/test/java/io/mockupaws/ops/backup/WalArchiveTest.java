package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.storage.FileSystemObjectStore;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ReplicatedObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalArchiveTest {

    static final int SEGMENT = 16 * 1024 * 1024;
    static final String NAME = "000000010000000000000003";

    @TempDir
    Path temp;

    private FileSystemObjectStore store;
    private WalArchive archive;
    private final BackupEncryption encryption = BackupEncryption.ofKey(BackupEncryptionTest.key(1), "test key");

    @BeforeEach
    void archiveInAFolder() {
        store = new FileSystemObjectStore(temp.resolve("objects"));
        archive = new WalArchive(store, encryption);
    }

    @Test
    void aPushedSegmentComesBackByteForByteEncryptedAndCompressed() throws IOException {
        Path segment = segment(NAME, 1, 2 * 1024 * 1024);

        assertThat(archive.push(segment)).isEqualTo(WalArchive.Pushed.STORED);
        Path restored = temp.resolve("pg_wal").resolve("RECOVERYXLOG");
        Files.createDirectories(restored.getParent());

        assertThat(archive.fetch(NAME, restored)).isTrue();
        assertThat(Files.readAllBytes(restored)).isEqualTo(Files.readAllBytes(segment));
        byte[] stored = Files.readAllBytes(temp.resolve("objects/wal/" + NAME));
        assertThat(new String(stored, 0, 8)).as("encrypted").isEqualTo("MKAWSBK1");
        assertThat(stored.length).as("a mostly empty segment (archive_timeout) shrinks to almost nothing")
                .isLessThan(2 * 1024 * 1024 + 128 * 1024);
        try (var left = Files.list(restored.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("RECOVERYXLOG");
        }
    }

    @Test
    void pushingTheSameSegmentAgainSucceedsAndChangesNothing() throws IOException {
        Path segment = segment(NAME, 2, 4096);
        archive.push(segment);
        var before = store.stat("wal/" + NAME).orElseThrow();

        assertThat(archive.push(segment)).isEqualTo(WalArchive.Pushed.ALREADY_ARCHIVED);
        assertThat(store.stat("wal/" + NAME).orElseThrow()).isEqualTo(before);
    }

    @Test
    void aDifferentSegmentUnderAnArchivedNameIsRefusedAndTheArchivedOneKept() throws IOException {
        archive.push(segment(NAME, 3, 4096));
        var before = store.stat("wal/" + NAME).orElseThrow();
        Path other = segment(NAME, 4, 4096);

        assertThatThrownBy(() -> archive.push(other))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("wal/" + NAME + " is already archived")
                .hasMessageContaining("with different content")
                .hasMessageContaining("nothing was overwritten");
        assertThat(store.stat("wal/" + NAME).orElseThrow()).isEqualTo(before);
    }

    @Test
    void fetchingWhatTheArchiveDoesNotHaveIsAnAnswerNotAnError() {
        assertThat(archive.fetch("00000002.history", temp.resolve("x"))).isFalse();
        assertThat(archive.fetch(NAME, temp.resolve("x"))).isFalse();
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void historyPartialAndBackupLabelFilesAreArchivedToo() throws IOException {
        for (String name : new String[] {"00000002.history", "000000010000000000000004.partial",
                "000000010000000000000004.00000028.backup"}) {
            archive.push(segment(name, 5, 300));
            assertThat(archive.fetch(name, temp.resolve("back-" + name))).isTrue();
        }
    }

    @Test
    void namesThatAreNotWalFilesAreRefused() throws IOException {
        Path notWal = Files.writeString(temp.resolve("postgresql.conf"), "x");
        assertThatThrownBy(() -> archive.push(notWal)).hasMessageContaining("is not a WAL file name");
        assertThatThrownBy(() -> archive.fetch("../../etc/passwd", temp.resolve("y"))).hasMessageContaining("is not a WAL file name");
    }

    @Test
    void aCorruptedArchivedSegmentFailsTheFetchAndLeavesNoFileBehind() throws IOException {
        archive.push(segment(NAME, 6, 100_000));
        Path stored = temp.resolve("objects/wal/" + NAME);
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(stored, bytes);
        Path destination = temp.resolve("restored");

        assertThatThrownBy(() -> archive.fetch(NAME, destination))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("is corrupted");
        assertThat(destination).doesNotExist();
        assertThat(destination.resolveSibling(".restored.mockupaws-fetch")).doesNotExist();
    }

    @Test
    void withASecondaryStoreEveryPushLandsInBothAndARetryCompletesAnInterruptedCopy() throws IOException {
        FileSystemObjectStore secondary = new FileSystemObjectStore(temp.resolve("offsite"));
        ObjectStore replicated = new ReplicatedObjectStore(store, secondary);
        WalArchive both = new WalArchive(replicated, encryption);
        Path segment = segment(NAME, 7, 8192);

        both.push(segment);
        assertThat(secondary.stat("wal/" + NAME)).isPresent();

        // as if the earlier push had died after the primary copy
        secondary.delete("wal/" + NAME);
        assertThat(both.push(segment)).isEqualTo(WalArchive.Pushed.ALREADY_ARCHIVED);
        assertThat(secondary.stat("wal/" + NAME)).isPresent();
        assertThat(new WalArchive(secondary, encryption).fetch(NAME, temp.resolve("from-secondary"))).isTrue();
        assertThat(Files.readAllBytes(temp.resolve("from-secondary"))).isEqualTo(Files.readAllBytes(segment));
    }

    /** A segment-sized file whose first {@code used} bytes are random and the rest zero, like a switched segment. */
    private Path segment(String name, long seed, int used) throws IOException {
        byte[] content = new byte[name.length() == 24 ? SEGMENT : used];
        byte[] data = new byte[used];
        new Random(seed).nextBytes(data);
        System.arraycopy(data, 0, content, 0, used);
        Path dir = Files.createDirectories(temp.resolve("pg_wal_" + seed));
        return Files.write(dir.resolve(name), content);
    }
}
