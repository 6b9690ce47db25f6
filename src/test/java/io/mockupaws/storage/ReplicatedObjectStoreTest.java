package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A filesystem primary replicated to an S3 secondary on S3Proxy, as a backup setup would run. */
class ReplicatedObjectStoreTest {

    private static final S3ProxyServer SERVER = S3ProxyServer.shared();
    private static final int MiB = 1024 * 1024;

    @TempDir
    Path temp;

    private FileSystemObjectStore primary;
    private S3ObjectStore secondary;
    private ReplicatedObjectStore replicated;

    @BeforeEach
    void open() {
        primary = new FileSystemObjectStore(temp.resolve("objects"));
        secondary = S3ObjectStore.connect(SERVER.settings(SERVER.newBucket(), "offsite"));
        replicated = new ReplicatedObjectStore(primary, secondary);
    }

    @AfterEach
    void close() {
        secondary.close();
    }

    @Test
    void theSecondaryReceivesACopyOfEveryObject() throws IOException {
        StoredObject backup = replicated.put("backups/b1.enc", new GeneratedContent(20L * MiB, 1),
                ObjectStore.UNKNOWN_LENGTH, Map.of("backup-id", "b1"));
        PutOutcome wal = replicated.putIfAbsent("wal/000000010000000000000001", ObjectStoreContract.stream("wal"), 3,
                Map.of("timeline", "1"));

        for (ObjectStore store : new ObjectStore[] {primary, secondary}) {
            assertThat(store.stat("backups/b1.enc")).hasValueSatisfying(s -> {
                assertThat(s.sha256()).isEqualTo(backup.sha256());
                assertThat(s.metadata()).isEqualTo(Map.of("backup-id", "b1"));
            });
            assertThat(store.stat("wal/000000010000000000000001")).hasValueSatisfying(s -> {
                assertThat(s.sha256()).isEqualTo(wal.object().sha256());
                assertThat(s.metadata()).isEqualTo(Map.of("timeline", "1"));
            });
        }
        try (InputStream in = secondary.get("backups/b1.enc")) {
            assertThat(GeneratedContent.sha256Of(in)).isEqualTo(GeneratedContent.sha256(20L * MiB, 1));
        }
        assertThat(replicated.describe()).isEqualTo(primary.describe() + " replicated to " + secondary.describe());
    }

    @Test
    void readsFallBackToTheSecondaryWhenThePrimaryLacksTheObject() {
        ObjectStoreContract.put(replicated, "backups/b1.enc", "only copy left offsite", Map.of("backup-id", "b1"));
        ObjectStoreContract.put(replicated, "backups/b2.enc", "both");
        primary.delete("backups/b1.enc");

        assertThat(ObjectStoreContract.read(replicated, "backups/b1.enc")).isEqualTo("only copy left offsite");
        assertThat(replicated.stat("backups/b1.enc").orElseThrow().metadata()).isEqualTo(Map.of("backup-id", "b1"));
        assertThat(replicated.list("backups/")).extracting(ObjectSummary::key)
                .containsExactly("backups/b1.enc", "backups/b2.enc");
        assertThatThrownBy(() -> replicated.get("backups/none.enc")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void deleteRemovesBothCopies() {
        ObjectStoreContract.put(replicated, "backups/old.enc", "expired");

        replicated.delete("backups/old.enc");

        assertThat(primary.stat("backups/old.enc")).isEmpty();
        assertThat(secondary.stat("backups/old.enc")).isEmpty();
    }

    @Test
    void aFailingSecondaryIsReportedAndThePrimaryKeepsTheObject() {
        S3ObjectStore missingBucket = S3ObjectStore.connect(SERVER.settings("bucket-that-was-deleted", null));
        try {
            ReplicatedObjectStore broken = new ReplicatedObjectStore(primary, missingBucket);

            assertThatThrownBy(() -> ObjectStoreContract.put(broken, "backups/b1.enc", "ciphertext"))
                    .isInstanceOfSatisfying(ReplicationException.class, e -> {
                        assertThat(e.key()).isEqualTo("backups/b1.enc");
                        assertThat(e.getMessage()).contains("is stored in " + primary.describe())
                                .contains("bucket-that-was-deleted");
                    });
            assertThat(ObjectStoreContract.read(primary, "backups/b1.enc")).isEqualTo("ciphertext");
        } finally {
            missingBucket.close();
        }
    }

    @Test
    void retryingAfterASecondaryFailureCompletesTheCopy() throws IOException {
        // A secondary directory that cannot be created until the obstacle goes: a real failure, then a real fix.
        Path obstacle = temp.resolve("mnt");
        Files.writeString(obstacle, "not a directory yet");
        ReplicatedObjectStore toDisk = new ReplicatedObjectStore(primary, new FileSystemObjectStore(obstacle.resolve("offsite")));
        String segment = "wal/000000010000000000000009";

        assertThatThrownBy(() -> toDisk.putIfAbsent(segment, ObjectStoreContract.stream("wal-9"), 5, Map.of()))
                .isInstanceOf(ReplicationException.class);
        Files.delete(obstacle);
        PutOutcome retried = toDisk.putIfAbsent(segment, ObjectStoreContract.stream("wal-9"), 5, Map.of());

        assertThat(retried.created()).as("the primary already had it").isFalse();
        assertThat(ObjectStoreContract.read(new FileSystemObjectStore(obstacle.resolve("offsite")), segment))
                .isEqualTo("wal-9");
    }

    @Test
    void differentContentAlreadyInTheSecondaryIsReportedAsAConflict() {
        ObjectStoreContract.put(secondary, "wal/000000010000000000000003", "from another cluster");

        assertThatThrownBy(() -> replicated.putIfAbsent("wal/000000010000000000000003",
                ObjectStoreContract.stream("ours"), 4, Map.of()))
                .isInstanceOf(ReplicationException.class)
                .cause().isInstanceOf(ObjectConflictException.class);
        assertThat(ObjectStoreContract.read(secondary, "wal/000000010000000000000003"))
                .isEqualTo("from another cluster");
    }
}
