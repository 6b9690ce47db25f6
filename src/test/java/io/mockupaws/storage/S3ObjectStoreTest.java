package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The S3 adapter against S3Proxy, a real S3-protocol server (see {@link S3ProxyServer}). */
class S3ObjectStoreTest extends ObjectStoreContract {

    private static final S3ProxyServer SERVER = S3ProxyServer.shared();

    private final List<S3ObjectStore> opened = new ArrayList<>();
    private String bucket;

    @Override
    protected ObjectStore newStore() {
        bucket = SERVER.newBucket();
        // A key prefix throughout, so every contract test also proves prefixing is invisible to callers.
        return open(SERVER.settings(bucket, "/installations/test/"));
    }

    private S3ObjectStore open(S3Settings settings) {
        S3ObjectStore s3 = S3ObjectStore.connect(settings);
        opened.add(s3);
        return s3;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3ObjectStore::close);
    }

    @Test
    void keysLiveUnderThePrefixAndForeignObjectsAreNotListed() {
        put(store, "reports/r1", "r1");
        SERVER.admin().putObject(b -> b.bucket(bucket).key("elsewhere/x"), RequestBody.fromString("not ours"));
        SERVER.admin().putObject(b -> b.bucket(bucket).key("installations/test/.written-by-another-tool"), RequestBody.fromString("?"));

        assertThat(SERVER.admin().listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(o -> o.key()).contains("installations/test/reports/r1");
        assertThat(store.list("")).extracting(ObjectSummary::key).containsExactly("reports/r1");
        assertThat(store.describe()).isEqualTo("s3://" + bucket + "/installations/test/ at " + SERVER.endpoint());
    }

    @Test
    void listingFollowsContinuationTokensPastTheFirstPage() {
        for (int i = 0; i < 1_001; i++) {
            String key = "installations/test/pages/%04d".formatted(i);
            SERVER.admin().putObject(b -> b.bucket(bucket).key(key), RequestBody.empty());
        }

        assertThat(SERVER.admin().listObjectsV2(b -> b.bucket(bucket).prefix("installations/test/pages/")).isTruncated())
                .as("the server really answers in pages").isTrue();
        assertThat(store.list("pages/")).hasSize(1_001).last().extracting(ObjectSummary::key).isEqualTo("pages/1000");
    }

    @Test
    void sha256IsStoredAsUserMetadataForSingleAndMultipartUploads() {
        put(store, "meta/small.json", "{}", Map.of("kind", "meta"));
        store.put("backups/large.enc", new GeneratedContent(20L * MiB, 1), ObjectStore.UNKNOWN_LENGTH,
                Map.of("kind", "backup"));

        assertThat(head("installations/test/meta/small.json").metadata())
                .containsEntry("sha256", sha256("{}")).containsEntry("kind", "meta");
        assertThat(head("installations/test/backups/large.enc").metadata())
                .containsEntry("sha256", GeneratedContent.sha256(20L * MiB, 1)).containsEntry("kind", "backup");
    }

    @Test
    void contentOfExactlyOnePartIsOnePutAndOneByteMoreIsMultipart() throws IOException {
        long part = S3ObjectStore.PART_SIZE;
        store.put("wal/exact", new GeneratedContent(part, 2), ObjectStore.UNKNOWN_LENGTH, Map.of());
        store.put("wal/over", new GeneratedContent(part + 1, 3), ObjectStore.UNKNOWN_LENGTH, Map.of());
        store.put("wal/exact-declared", new GeneratedContent(part, 4), part, Map.of());

        // A multipart object's ETag ends in "-<parts>"; a single PUT's does not.
        assertThat(head("installations/test/wal/exact").eTag()).doesNotContain("-");
        assertThat(head("installations/test/wal/exact-declared").eTag()).doesNotContain("-");
        assertThat(head("installations/test/wal/over").eTag()).contains("-");
        for (var key : List.of("wal/exact", "wal/over", "wal/exact-declared")) {
            long seed = key.equals("wal/exact") ? 2 : key.equals("wal/over") ? 3 : 4;
            long size = key.equals("wal/over") ? part + 1 : part;
            try (InputStream in = store.get(key)) {
                assertThat(GeneratedContent.sha256Of(in)).as(key).isEqualTo(GeneratedContent.sha256(size, seed));
            }
        }
    }

    @Test
    void aFailedMultipartUploadIsAborted() {
        InputStream failing = new SequenceInputStream(new GeneratedContent(40L * MiB, 3), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection to the database lost");
            }
        });

        assertThatThrownBy(() -> store.put("backups/broken.enc", failing, ObjectStore.UNKNOWN_LENGTH, Map.of()))
                .isInstanceOf(ObjectStoreException.class);

        assertThat(SERVER.admin().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(store.stat("backups/broken.enc")).isEmpty();
    }

    @Test
    void aLargeObjectCanBeAbandonedAfterReadingTheStartOfIt() throws IOException {
        store.put("backups/large.enc", new GeneratedContent(40L * MiB, 9), ObjectStore.UNKNOWN_LENGTH, Map.of());

        try (InputStream in = store.get("backups/large.enc")) {
            assertThat(in.readNBytes(1024)).hasSize(1024);
        }

        // The abandoned connection was dropped, not left half-read in the pool: the next read is whole.
        assertThat(GeneratedContent.sha256Of(store.get("backups/large.enc")))
                .isEqualTo(GeneratedContent.sha256(40L * MiB, 9));
    }

    @Test
    void secretsAppearInNoDescriptionOrMessage() {
        S3Settings wrongSecret = new S3Settings(SERVER.endpoint().toString(), null, bucket, null,
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY + "-wrong", null);
        S3ObjectStore denied = open(wrongSecret);

        assertThatThrownBy(() -> put(denied, "k", "v"))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("403")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(S3ProxyServer.SECRET_KEY));
        assertThat(denied.describe()).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(S3ProxyServer.ACCESS_KEY);
        assertThat(wrongSecret.toString()).doesNotContain(S3ProxyServer.SECRET_KEY)
                .doesNotContain(S3ProxyServer.ACCESS_KEY).contains("secretKey=set");
    }

    @Test
    void credentialsComeFromTheDefaultChainWhenNotConfigured() {
        S3Settings noKeys = new S3Settings(SERVER.endpoint().toString(), null, bucket, null, null, null, null);
        // The default chain reads these JVM system properties first, as it would read AWS_ACCESS_KEY_ID.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        try {
            S3ObjectStore chained = open(noKeys);
            put(chained, "from-chain", "ok");
            assertThat(read(chained, "from-chain")).isEqualTo("ok");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAMissingObject() {
        S3ObjectStore nowhere = open(SERVER.settings("no-such-bucket-here", null));

        assertThatThrownBy(() -> nowhere.get("k"))
                .isInstanceOf(ObjectStoreException.class)
                .isNotInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("no-such-bucket-here");
    }

    private HeadObjectResponse head(String s3Key) {
        return SERVER.admin().headObject(b -> b.bucket(bucket).key(s3Key));
    }
}
