package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class StorageConfigurationTest {

    @TempDir
    Path temp;

    private final ApplicationContextRunner contexts =
            new ApplicationContextRunner().withUserConfiguration(StorageConfiguration.class);

    @Test
    void byDefaultBothBeansAreTheFilesystemStoreInTheDataDirectory() {
        contexts.withPropertyValues("mockupaws.data-dir=" + temp).run(context -> {
            ObjectStore primary = context.getBean(ObjectStore.class);
            ObjectStore backup = context.getBean(StorageConfiguration.BACKUP_STORE, ObjectStore.class);

            assertThat(primary.describe()).isEqualTo("file:" + temp.resolve("objects").toAbsolutePath());
            assertThat(backup).isSameAs(primary);
        });
    }

    @Test
    void theDocumentedEnvironmentVariablesBindByRelaxedBinding() {
        S3ProxyServer server = S3ProxyServer.shared();
        String bucket = server.newBucket();
        Map<String, Object> env = Map.of(
                "MOCKUPAWS_DATA_DIR", temp.toString(),
                "MOCKUPAWS_S3_ENDPOINT", server.endpoint().toString(),
                "MOCKUPAWS_S3_BUCKET", bucket,
                "MOCKUPAWS_S3_PREFIX", "app",
                "MOCKUPAWS_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                "MOCKUPAWS_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY,
                "MOCKUPAWS_S3_PATH_STYLE", "true",
                "MOCKUPAWS_BACKUP_SECONDARY_DIR", temp.resolve("offsite").toString());

        contexts.withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", env)))
                .run(context -> {
                    ObjectStore primary = context.getBean(ObjectStore.class);
                    ObjectStore backup = context.getBean(StorageConfiguration.BACKUP_STORE, ObjectStore.class);

                    assertThat(primary.describe()).isEqualTo("s3://" + bucket + "/app/ at " + server.endpoint());
                    assertThat(backup).isInstanceOf(ReplicatedObjectStore.class);
                    ObjectStoreContract.put(backup, "backups/b1.enc", "ciphertext");
                    assertThat(ObjectStoreContract.read(primary, "backups/b1.enc")).isEqualTo("ciphertext");
                    assertThat(ObjectStoreContract.read(new FileSystemObjectStore(temp.resolve("offsite")),
                            "backups/b1.enc")).isEqualTo("ciphertext");
                });
    }

    @Test
    void impossibleSettingsStopTheContext() {
        contexts.withPropertyValues("mockupaws.data-dir=" + temp, "mockupaws.s3.endpoint=http://minio:9000")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("MOCKUPAWS_S3_BUCKET is not"));
    }
}
