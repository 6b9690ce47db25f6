package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoresTest {

    @TempDir
    Path temp;

    @Test
    void withNothingConfiguredObjectsGoToTheDataDirectory() {
        try (ObjectStores stores = ObjectStores.fromEnvironment(Map.of(), temp)) {
            assertThat(stores.primary()).isInstanceOf(FileSystemObjectStore.class);
            assertThat(stores.primary().describe()).isEqualTo("file:" + temp.resolve("objects").toAbsolutePath());
            assertThat(stores.secondary()).isEmpty();
            assertThat(stores.backup()).isSameAs(stores.primary());
        }
    }

    @Test
    void aBucketSelectsS3AndWorksEndToEnd() {
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = server.newBucket();
        Map<String, String> env = Map.of(
                "MOCKUPAWS_S3_ENDPOINT", server.endpoint().toString(),
                "MOCKUPAWS_S3_BUCKET", bucket,
                "MOCKUPAWS_S3_PREFIX", "prod",
                "MOCKUPAWS_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                "MOCKUPAWS_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);

        try (ObjectStores stores = ObjectStores.fromEnvironment(env, temp)) {
            ObjectStoreContract.put(stores.primary(), "reports/r1", "hello");

            assertThat(stores.primary().describe()).isEqualTo("s3://" + bucket + "/prod/ at " + server.endpoint());
            assertThat(ObjectStoreContract.read(stores.primary(), "reports/r1")).isEqualTo("hello");
            assertThat(server.admin().headObject(b -> b.bucket(bucket).key("prod/reports/r1")).contentLength())
                    .isEqualTo(5);
            assertThat(stores.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
        }
    }

    @Test
    void aSecondaryDirectoryMakesTheBackupStoreReplicated() {
        Map<String, String> env = Map.of("MOCKUPAWS_BACKUP_SECONDARY_DIR", temp.resolve("offsite").toString());

        try (ObjectStores stores = ObjectStores.fromEnvironment(env, temp.resolve("data"))) {
            ObjectStoreContract.put(stores.backup(), "backups/b1.enc", "ciphertext");

            assertThat(stores.backup()).isInstanceOf(ReplicatedObjectStore.class);
            assertThat(stores.primary()).isInstanceOf(FileSystemObjectStore.class);
            assertThat(ObjectStoreContract.read(stores.secondary().orElseThrow(), "backups/b1.enc")).isEqualTo("ciphertext");
            assertThat(ObjectStoreContract.read(stores.primary(), "backups/b1.enc")).isEqualTo("ciphertext");
        }
    }

    @Test
    void aSecondaryBucketIsAnS3StoreOfItsOwn() {
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = server.newBucket();
        Map<String, String> env = Map.of(
                "MOCKUPAWS_BACKUP_SECONDARY_ENDPOINT", server.endpoint().toString(),
                "MOCKUPAWS_BACKUP_SECONDARY_BUCKET", bucket,
                "MOCKUPAWS_BACKUP_SECONDARY_REGION", "eu-west-1",
                "MOCKUPAWS_BACKUP_SECONDARY_PATH_STYLE", "true",
                "MOCKUPAWS_BACKUP_SECONDARY_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                "MOCKUPAWS_BACKUP_SECONDARY_SECRET_KEY", S3ProxyServer.SECRET_KEY);

        try (ObjectStores stores = ObjectStores.fromEnvironment(env, temp)) {
            ObjectStoreContract.put(stores.backup(), "wal/000000010000000000000001", "wal");

            assertThat(stores.secondary().orElseThrow().describe()).startsWith("s3://" + bucket + "/");
            assertThat(ObjectStoreContract.read(stores.secondary().orElseThrow(), "wal/000000010000000000000001"))
                    .isEqualTo("wal");
        }
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithoutEchoingSecrets() {
        String secret = "do-not-echo-this";
        assertRefused(Map.of("MOCKUPAWS_S3_BUCKET", "b", "MOCKUPAWS_S3_SECRET_KEY", secret),
                "MOCKUPAWS_S3_ACCESS_KEY and MOCKUPAWS_S3_SECRET_KEY must be set together", secret);
        assertRefused(Map.of("MOCKUPAWS_S3_ENDPOINT", "http://minio:9000", "MOCKUPAWS_S3_SECRET_KEY", secret),
                "MOCKUPAWS_S3_ENDPOINT, MOCKUPAWS_S3_SECRET_KEY set, but MOCKUPAWS_S3_BUCKET is not", secret);
        assertRefused(Map.of("MOCKUPAWS_S3_BUCKET", "b", "MOCKUPAWS_S3_ENDPOINT", "http://user:" + secret + "@minio:9000"),
                "MOCKUPAWS_S3_ENDPOINT must not contain credentials", secret);
        assertRefused(Map.of("MOCKUPAWS_S3_BUCKET", "b", "MOCKUPAWS_S3_ENDPOINT", "minio:9000"),
                "MOCKUPAWS_S3_ENDPOINT must be an http:// or https:// URL", secret);
        assertRefused(Map.of("MOCKUPAWS_S3_BUCKET", "b", "MOCKUPAWS_S3_PATH_STYLE", "sometimes"),
                "MOCKUPAWS_S3_PATH_STYLE must be true or false", secret);
        assertRefused(Map.of("MOCKUPAWS_S3_BUCKET", "b", "MOCKUPAWS_S3_PREFIX", "a/../b"),
                "MOCKUPAWS_S3_PREFIX", secret);
        assertRefused(Map.of("MOCKUPAWS_BACKUP_SECONDARY_DIR", "/mnt/offsite", "MOCKUPAWS_BACKUP_SECONDARY_BUCKET", "b"),
                "are both set", secret);
        assertRefused(Map.of("MOCKUPAWS_BACKUP_SECONDARY_REGION", "eu-west-1"),
                "neither MOCKUPAWS_BACKUP_SECONDARY_BUCKET nor MOCKUPAWS_BACKUP_SECONDARY_DIR", secret);
        assertRefused(Map.of("MOCKUPAWS_BACKUP_SECONDARY_DIR", temp.resolve("objects").toString()),
                "a copy in the same place is no copy", secret);
    }

    @Test
    void pathStyleDefaultsToTrueOnlyWithAnEndpointAndBlankMeansUnset() {
        Map<String, String> env = new HashMap<>(Map.of("MOCKUPAWS_S3_BUCKET", "b", "MOCKUPAWS_S3_ENDPOINT", " "));
        env.put("MOCKUPAWS_S3_PATH_STYLE", "");

        S3Settings settings = S3Settings.fromEnvironment(env, ObjectStores.S3_ENV_PREFIX);

        assertThat(settings.pathStyle()).isNull();
        try (ObjectStores stores = ObjectStores.fromEnvironment(env, temp)) {
            assertThat(stores.primary().describe()).isEqualTo("s3://b/");
        }
    }

    private void assertRefused(Map<String, String> env, String message, String secret) {
        assertThatThrownBy(() -> ObjectStores.fromEnvironment(env, temp).close())
                .as(env.keySet().toString())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }
}
