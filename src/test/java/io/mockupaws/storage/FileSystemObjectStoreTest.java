package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path temp;

    @Override
    protected ObjectStore newStore() {
        return new FileSystemObjectStore(temp.resolve("data/objects"));
    }

    private Path root() {
        return ((FileSystemObjectStore) store).root();
    }

    @Test
    void describesItselfByItsAbsoluteRoot() {
        assertThat(store.describe()).isEqualTo("file:" + temp.resolve("data/objects").toAbsolutePath());
    }

    @Test
    void objectsArePlainFilesAndTheirBookkeepingIsHidden() throws IOException {
        put(store, "backups/2026/b1.enc", "ciphertext", Map.of("backup-id", "b1"));

        Path file = root().resolve("backups/2026/b1.enc");
        assertThat(file).hasContent("ciphertext");
        try (Stream<Path> entries = Files.list(file.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .as("only the object and its hidden sidecar; no temporary files left")
                    .containsExactlyInAnyOrder("b1.enc", ".b1.enc.meta.json");
        }
        assertThat(store.list("")).extracting(ObjectSummary::key).containsExactly("backups/2026/b1.enc");
    }

    @Test
    void failedWritesLeaveNoTemporaryFiles() throws IOException {
        put(store, "wal/seg", "previous");
        assertThatThrownBy(() -> store.put("wal/seg", stream("short"), 99, Map.of()))
                .isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store.putIfAbsent("wal/other", stream("short"), 99, Map.of()))
                .isInstanceOf(ObjectStoreException.class);

        try (Stream<Path> entries = Files.list(root().resolve("wal"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("seg", ".seg.meta.json");
        }
    }

    @Test
    void aFileChangedBehindTheStoresBackHasAnUnknownSha256NotAWrongOne() throws IOException {
        put(store, "reports/r.csv", "a,b\n1,2\n", Map.of("format", "csv"));
        Files.writeString(root().resolve("reports/r.csv"), "edited by hand", StandardCharsets.UTF_8);

        StoredObject stat = store.stat("reports/r.csv").orElseThrow();

        assertThat(stat.size()).isEqualTo(14);
        assertThat(stat.sha256()).isEmpty();
        assertThat(stat.metadata()).isEmpty();
    }

    @Test
    void putIfAbsentHashesAnExistingFileItDidNotWrite() throws IOException {
        Path segment = root().resolve("wal/000000010000000000000001");
        Files.createDirectories(segment.getParent());
        Files.writeString(segment, "copied in by an operator");

        PutOutcome same = store.putIfAbsent("wal/000000010000000000000001", stream("copied in by an operator"), 24,
                Map.of());

        assertThat(same.created()).isFalse();
        assertThat(same.object().sha256()).contains(sha256("copied in by an operator"));
        assertThatThrownBy(() -> store.putIfAbsent("wal/000000010000000000000001", stream("something else"), 14,
                Map.of())).isInstanceOf(ObjectConflictException.class);
    }

    @Test
    void aKeyCannotBeBothAnObjectAndAFolderOfObjects() {
        put(store, "reports/r1", "an object");
        put(store, "backups/2026/b1", "in a folder");

        assertThatThrownBy(() -> put(store, "reports/r1/part", "x"))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("'reports/r1' is an object");
        assertThatThrownBy(() -> put(store, "backups/2026", "x"))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("folder of other objects");
        assertThatThrownBy(() -> store.putIfAbsent("backups/2026", stream("x"), 1, Map.of()))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("folder of other objects");
        store.delete("backups/2026");

        assertThat(read(store, "backups/2026/b1")).isEqualTo("in a folder");
    }

    @Test
    void keysBeneathAnObjectAreSimplyAbsent() {
        put(store, "reports/r1", "an object");

        assertThat(store.stat("reports/r1/part")).isEmpty();
        assertThatThrownBy(() -> store.get("reports/r1/part")).isInstanceOf(NoSuchObjectException.class);
        store.delete("reports/r1/part");
        assertThat(store.list("reports/r1/")).isEmpty();
        assertThat(read(store, "reports/r1")).isEqualTo("an object");
    }

    @Test
    void filesThatAreNotValidObjectsAreNotListed() throws IOException {
        put(store, "reports/ok", "ok");
        Files.writeString(root().resolve("reports/.DS_Store"), "finder junk");
        Files.createDirectories(root().resolve(".trash"));
        Files.writeString(root().resolve(".trash/old"), "hidden folder");
        Files.writeString(root().resolve("reports/back\\slash"), "not a valid key");

        assertThat(store.list("")).extracting(ObjectSummary::key).containsExactly("reports/ok");
    }

    @Test
    void aMissingRootIsAnEmptyStoreAndIsCreatedOnFirstWrite() {
        assertThat(Files.exists(root())).isFalse();
        assertThat(store.list("")).isEmpty();
        assertThat(store.stat("anything")).isEmpty();
        store.delete("anything");

        put(store, "first", "1");

        assertThat(root()).isDirectory();
        assertThat(read(store, "first")).isEqualTo("1");
    }

    @Test
    void aRootThatIsAFileIsReportedClearly() throws IOException {
        Files.createDirectories(temp.resolve("data"));
        Files.writeString(temp.resolve("data/objects"), "not a directory");

        assertThatThrownBy(() -> put(store, "k", "v"))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("not a directory");
    }
}
