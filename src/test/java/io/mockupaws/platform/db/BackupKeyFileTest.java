package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupKeyFileTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesThirtyTwoRandomBytesOnceIntoAFileOnlyTheOwnerReads() throws Exception {
        assertThat(BackupKeyFile.ensure(dataDir)).isTrue();
        String key = Files.readString(BackupKeyFile.of(dataDir));

        assertThat(BackupKeyFile.ensure(dataDir)).as("the second call keeps the key").isFalse();
        assertThat(Files.readString(BackupKeyFile.of(dataDir))).isEqualTo(key);
        assertThat(Base64.getDecoder().decode(key.strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(BackupKeyFile.of(dataDir)))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("backup-encryption-key");
        }
    }
}
