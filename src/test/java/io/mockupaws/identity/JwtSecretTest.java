package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the token-signing key comes from; never a built-in default. */
class JwtSecretTest {

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredSecretOfAtLeast32BytesIsUsedAsIs() {
        String secret = "0123456789abcdef0123456789abcdef";
        assertThat(JwtSecret.resolve(secret, true, dataDir)).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void aShorterSecretIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> JwtSecret.resolve("0123456789abcdef0123456789abcde", false, dataDir))
                .isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("31 bytes long; it must be at least 32 bytes")
                .hasMessageNotContaining("0123456789abcdef");
    }

    @Test
    void withAnExternalDatabaseTheSecretIsRequired() {
        assertThatThrownBy(() -> JwtSecret.resolve("", false, dataDir))
                .isInstanceOf(InsecureConfigurationException.class).hasMessageContaining("MOCKUPAWS_JWT_SECRET is required");
    }

    @Test
    void embeddedModeGeneratesAPrivateKeyFileOnceAndKeepsIt() throws Exception {
        byte[] first = JwtSecret.resolve(null, true, dataDir);
        byte[] again = JwtSecret.resolve("", true, dataDir);

        Path file = dataDir.resolve("jwt-secret");
        assertThat(first).hasSize(64).isEqualTo(again);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dataDir)).containsExactly(file); // no temporary file left behind
        assertThat(JwtSecret.resolve(null, true, Files.createDirectory(dataDir.resolve("other")))).isNotEqualTo(first);
    }

    @Test
    void processesRacingToCreateTheKeyAllEndUpWithTheSameOne() throws Exception {
        List<Future<byte[]>> keys = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) keys.add(pool.submit((Callable<byte[]>) () -> JwtSecret.resolve(null, true, dataDir)));
            byte[] first = keys.getFirst().get();
            for (Future<byte[]> k : keys) assertThat(Arrays.equals(k.get(), first)).isTrue();
        }
    }

    @Test
    void aDamagedKeyFileIsRefusedWithTheFix() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), "c2hvcnQ=\n");
        assertThatThrownBy(() -> JwtSecret.resolve(null, true, dataDir)).isInstanceOf(InsecureConfigurationException.class)
                .hasMessageContaining("Delete the file");
        Files.writeString(dataDir.resolve("jwt-secret"), "%%% not base64 %%%\n");
        assertThatThrownBy(() -> JwtSecret.resolve(null, true, dataDir)).isInstanceOf(InsecureConfigurationException.class);
    }
}
