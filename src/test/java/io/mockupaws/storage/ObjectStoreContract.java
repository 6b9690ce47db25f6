package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every {@link ObjectStore} must do; each adapter's test extends this with a fresh, empty store per test. */
abstract class ObjectStoreContract {

    static final int MiB = 1024 * 1024;

    protected ObjectStore store;
    private final ExecutorService background = Executors.newCachedThreadPool();

    /** A new, empty store, used by one test only. */
    protected abstract ObjectStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void storedObjectReadsBackWithItsSizeAndSha256() {
        StoredObject stored = put(store, "reports/2026/q1.json", "{\"total\": 12.5}");

        assertThat(stored.key()).isEqualTo("reports/2026/q1.json");
        assertThat(stored.size()).isEqualTo(15);
        assertThat(stored.sha256()).contains(sha256("{\"total\": 12.5}"));
        assertThat(read(store, "reports/2026/q1.json")).isEqualTo("{\"total\": 12.5}");
    }

    @Test
    void emptyObjectRoundTrips() {
        StoredObject stored = put(store, "markers/empty", "");

        assertThat(stored.size()).isZero();
        assertThat(read(store, "markers/empty")).isEmpty();
        assertThat(store.stat("markers/empty")).hasValueSatisfying(s -> {
            assertThat(s.size()).isZero();
            assertThat(s.sha256()).contains(sha256(""));
        });
    }

    @Test
    void putReplacesTheObjectUnderAKey() {
        put(store, "meta/latest.json", "first version");
        put(store, "meta/latest.json", "second");

        assertThat(read(store, "meta/latest.json")).isEqualTo("second");
        assertThat(store.stat("meta/latest.json")).hasValueSatisfying(s -> {
            assertThat(s.size()).isEqualTo(6);
            assertThat(s.sha256()).contains(sha256("second"));
        });
        assertThat(store.list("meta/")).extracting(ObjectSummary::key).containsExactly("meta/latest.json");
    }

    @Test
    void statReportsSizeSha256AndMetadata() {
        put(store, "backups/b1.enc", "ciphertext", Map.of("cipher", "aes-256-gcm", "backup-id", "b1"));

        StoredObject stat = store.stat("backups/b1.enc").orElseThrow();

        assertThat(stat.key()).isEqualTo("backups/b1.enc");
        assertThat(stat.size()).isEqualTo(10);
        assertThat(stat.sha256()).contains(sha256("ciphertext"));
        assertThat(stat.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("cipher", "aes-256-gcm", "backup-id", "b1"));
        assertThat(stat.lastModified()).isNotNull();
        assertThat(store.stat("backups/missing.enc")).isEmpty();
        assertThat(store.stat("backups")).as("a folder of objects is not an object").isEmpty();
    }

    @Test
    void metadataIsReplacedWithTheObject() {
        put(store, "reports/r.json", "one", Map.of("format", "json", "scenario", "s-1"));
        put(store, "reports/r.json", "two", Map.of("format", "csv"));

        assertThat(store.stat("reports/r.json").orElseThrow().metadata()).isEqualTo(Map.of("format", "csv"));
    }

    @Test
    void listReturnsTheObjectsUnderAPrefixInKeyOrder() {
        for (String key : List.of("wal/000000010000000000000002", "wal/000000010000000000000001",
                "wal/00000002.history", "wal-archive/x", "backups/b1.enc", "backups/2026/01/b2.enc", "top")) {
            put(store, key, key);
        }

        assertThat(store.list("wal/")).extracting(ObjectSummary::key).containsExactly(
                "wal/000000010000000000000001", "wal/000000010000000000000002", "wal/00000002.history");
        assertThat(store.list("wal/0000000100")).extracting(ObjectSummary::key).containsExactly(
                "wal/000000010000000000000001", "wal/000000010000000000000002");
        assertThat(store.list("wal")).extracting(ObjectSummary::key).containsExactly(
                "wal-archive/x", "wal/000000010000000000000001", "wal/000000010000000000000002",
                "wal/00000002.history");
        assertThat(store.list("backups/")).extracting(ObjectSummary::key)
                .containsExactly("backups/2026/01/b2.enc", "backups/b1.enc");
        assertThat(store.list("")).hasSize(7);
        assertThat(store.list("nothing/here/")).isEmpty();
        assertThat(store.list("top")).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("top");
            assertThat(s.size()).isEqualTo(3);
            assertThat(s.lastModified()).isNotNull();
        });
    }

    @Test
    void listCoversMoreThanOneThousandObjects() throws Exception {
        // S3 answers a listing 1,000 keys at a time; 1,050 needs a second page.
        List<Future<StoredObject>> puts = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 1_050; i++) {
                String key = "many/%05d".formatted(i);
                puts.add(writers.submit(() -> put(store, key, key)));
            }
            for (Future<StoredObject> put : puts) put.get();
        } finally {
            writers.shutdownNow();
        }
        put(store, "manx", "outside the prefix");

        List<ObjectSummary> listed = store.list("many/");

        assertThat(listed).extracting(ObjectSummary::key)
                .containsExactlyElementsOf(IntStream.range(0, 1_050).mapToObj("many/%05d"::formatted).toList());
        assertThat(listed).allSatisfy(s -> assertThat(s.size()).isEqualTo(10));
    }

    @Test
    void deleteRemovesTheObjectAndIsIdempotent() {
        put(store, "backups/old.enc", "old");

        store.delete("backups/old.enc");
        store.delete("backups/old.enc");
        store.delete("never/existed");

        assertThat(store.stat("backups/old.enc")).isEmpty();
        assertThat(store.list("backups/")).isEmpty();
        assertThatThrownBy(() -> store.get("backups/old.enc")).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void getOfAMissingKeyThrowsNoSuchObject() {
        put(store, "present/a", "a");

        assertThatThrownBy(() -> store.get("present/b"))
                .isInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("present/b")
                .satisfies(e -> assertThat(((NoSuchObjectException) e).key()).isEqualTo("present/b"));
        assertThatThrownBy(() -> store.get("present")).as("a folder of objects is not an object")
                .isInstanceOf(NoSuchObjectException.class);
    }

    static Stream<String> invalidKeys() {
        return Stream.of("", "/etc/passwd", "a//b", "a/", "..", "../outside", "a/../../b", ".", "a/./b", ".hidden",
                "a/.b.meta.json", "a\\b", "..\\..\\b", "nul\u0000byte", "tab\tkey", "new\nline", "x".repeat(201),
                "k/".repeat(600) + "k");
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void invalidKeysAreRejectedByEveryOperation(String key) {
        assertThatThrownBy(() -> put(store, key, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid object key");
        assertThatThrownBy(() -> store.putIfAbsent(key, stream("x"), 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stat(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void invalidPrefixesAndMetadataAreRejected() {
        for (String prefix : List.of("/", "/abs", "../", "a/../", "a//", ".hidden/", "a\\")) {
            assertThatThrownBy(() -> store.list(prefix)).as(prefix).isInstanceOf(IllegalArgumentException.class);
        }
        for (Map<String, String> metadata : List.of(Map.of("Upper", "v"), Map.of("sha256", "v"),
                Map.of("k", "new\nline"), Map.of("k", " padded"), Map.of("k", "caf\u00e9"),
                Map.of("k", "v".repeat(ObjectKeys.MAX_METADATA_BYTES)))) {
            assertThatThrownBy(() -> put(store, "k", "x", metadata)).as(metadata.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void streamOfUnknownLengthLargerThanOnePartRoundTrips() throws IOException {
        long size = 40L * MiB;

        StoredObject stored = store.put("backups/full.enc", new GeneratedContent(size, 7), ObjectStore.UNKNOWN_LENGTH,
                Map.of("backup-id", "full"));

        String expected = GeneratedContent.sha256(size, 7);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256()).contains(expected);
        try (InputStream in = store.get("backups/full.enc")) {
            assertThat(GeneratedContent.sha256Of(in)).isEqualTo(expected);
        }
        assertThat(store.stat("backups/full.enc")).hasValueSatisfying(s -> {
            assertThat(s.size()).isEqualTo(size);
            assertThat(s.sha256()).contains(expected);
            assertThat(s.metadata()).isEqualTo(Map.of("backup-id", "full"));
        });
    }

    @Test
    void streamOfDeclaredLengthLargerThanOnePartRoundTrips() throws IOException {
        long size = 17L * MiB + 3;

        StoredObject stored = store.put("wal/big", new GeneratedContent(size, 11), size, Map.of());

        assertThat(stored.sha256()).contains(GeneratedContent.sha256(size, 11));
        try (InputStream in = store.get("wal/big")) {
            assertThat(GeneratedContent.sha256Of(in)).isEqualTo(GeneratedContent.sha256(size, 11));
        }
    }

    @Test
    void contentNotMatchingItsDeclaredLengthStoresNothing() {
        put(store, "wal/seg", "previous");

        assertThatThrownBy(() -> store.put("wal/seg", stream("short"), 6, Map.of()))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("declared length");
        assertThatThrownBy(() -> store.put("wal/seg", stream("too long"), 3, Map.of()))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("declared length");
        assertThatThrownBy(() -> store.put("wal/new", stream("short"), 6, Map.of()))
                .isInstanceOf(ObjectStoreException.class);

        assertThat(read(store, "wal/seg")).isEqualTo("previous");
        assertThat(store.list("")).extracting(ObjectSummary::key).containsExactly("wal/seg");
    }

    @Test
    void sourceFailingMidwayStoresNothingAndKeepsThePreviousObject() {
        put(store, "backups/b.enc", "previous");
        InputStream failing = new SequenceInputStream(new GeneratedContent(20L * MiB, 3), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk read error");
            }
        });

        assertThatThrownBy(() -> store.put("backups/b.enc", failing, ObjectStore.UNKNOWN_LENGTH, Map.of()))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining("disk read error");

        assertThat(read(store, "backups/b.enc")).isEqualTo("previous");
        assertThat(store.list("")).extracting(ObjectSummary::key).containsExactly("backups/b.enc");
    }

    @Test
    void objectBeingWrittenStaysInvisibleUntilComplete() throws Exception {
        put(store, "backups/b.enc", "previous");
        // Longer than one S3 part, so S3 has uploaded a part when the writer stalls.
        BlockingTail content = new BlockingTail(new GeneratedContent(17L * MiB, 5));
        Future<StoredObject> writer = background.submit(
                () -> store.put("backups/b.enc", content, ObjectStore.UNKNOWN_LENGTH, Map.of()));
        content.awaitStall();

        assertThat(read(store, "backups/b.enc")).isEqualTo("previous");
        assertThat(store.stat("backups/b.enc").orElseThrow().size()).isEqualTo(8);
        assertThat(store.list("")).extracting(ObjectSummary::key).containsExactly("backups/b.enc");
        assertThat(store.list("").getFirst().size()).isEqualTo(8);

        content.release();
        assertThat(writer.get().size()).isEqualTo(17L * MiB);
        try (InputStream in = store.get("backups/b.enc")) {
            assertThat(GeneratedContent.sha256Of(in)).isEqualTo(GeneratedContent.sha256(17L * MiB, 5));
        }
    }

    @Test
    void putIfAbsentCreatesOnceAcceptsTheSameContentAndRefusesOther() {
        String key = "wal/000000010000000000000007";

        PutOutcome first = store.putIfAbsent(key, stream("segment-7"), 9, Map.of("timeline", "1"));
        PutOutcome again = store.putIfAbsent(key, stream("segment-7"), 9, Map.of("timeline", "1"));

        assertThat(first.created()).isTrue();
        assertThat(first.object().sha256()).contains(sha256("segment-7"));
        assertThat(again.created()).isFalse();
        assertThat(again.object().sha256()).contains(sha256("segment-7"));
        assertThatThrownBy(() -> store.putIfAbsent(key, stream("other-7!!"), 9, Map.of()))
                .isInstanceOfSatisfying(ObjectConflictException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.existingSha256()).isEqualTo(sha256("segment-7"));
                    assertThat(e.offeredSha256()).isEqualTo(sha256("other-7!!"));
                });
        assertThat(read(store, key)).isEqualTo("segment-7");
        assertThat(store.stat(key).orElseThrow().metadata()).isEqualTo(Map.of("timeline", "1"));
    }

    @Test
    void putIfAbsentDetectsAWriterThatGotThereFirst() throws Exception {
        // The conditional write, not the look before it, decides: stall our writer after it has looked.
        for (boolean sameContent : List.of(true, false)) {
            String key = "wal/raced-" + sameContent;
            BlockingTail ours = new BlockingTail(stream("ours"));
            Future<PutOutcome> writer = background.submit(
                    () -> store.putIfAbsent(key, ours, ObjectStore.UNKNOWN_LENGTH, Map.of()));
            ours.awaitStall();
            put(store, key, sameContent ? "ours" : "theirs");
            ours.release();

            if (sameContent) {
                assertThat(writer.get().created()).isFalse();
            } else {
                assertThatThrownBy(writer::get).cause().isInstanceOf(ObjectConflictException.class);
            }
            assertThat(read(store, key)).isEqualTo(sameContent ? "ours" : "theirs");
        }
    }

    // --- helpers shared with the adapter tests ---

    static StoredObject put(ObjectStore store, String key, String content) {
        return put(store, key, content, Map.of());
    }

    static StoredObject put(ObjectStore store, String key, String content, Map<String, String> metadata) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return store.put(key, new ByteArrayInputStream(bytes), bytes.length, metadata);
    }

    static String read(ObjectStore store, String key) {
        try (InputStream in = store.get(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream stream(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Content that, once its source is exhausted, stalls until released, as a slow network or disk would: the
     * writer has then consumed everything but cannot yet finish.
     */
    static final class BlockingTail extends InputStream {
        private final InputStream head;
        private final CountDownLatch stalled = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        BlockingTail(InputStream head) {
            this.head = head;
        }

        void awaitStall() throws InterruptedException {
            stalled.await();
        }

        void release() {
            released.countDown();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = head.read(b, off, len);
            if (n >= 0) return n;
            stalled.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return -1;
        }
    }
}
