package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupEncryptionTest {

    static final String KEY = "backups/0193/dump.pgc.enc";

    @TempDir
    Path temp;

    private final BackupEncryption encryption = BackupEncryption.ofKey(key(1), "test key");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1000, BackupEncryption.SEGMENT_BYTES - 40, BackupEncryption.SEGMENT_BYTES,
            3 * BackupEncryption.SEGMENT_BYTES + 17})
    void decryptsWhatItEncryptedAtEverySizeAroundSegmentBoundaries(int size) throws IOException {
        byte[] plain = random(size, size);

        byte[] cipher = encrypt(encryption, plain, KEY);

        assertThat(cipher).hasSize((int) encryption.encryptedSize(size));
        assertThat(decrypt(encryption, cipher, KEY)).isEqualTo(plain);
    }

    @Test
    void theHeaderNamesTheFormatAndTheKeyButNotTheKeyItself() throws IOException {
        byte[] cipher = encrypt(encryption, "hello".getBytes(), KEY);

        assertThat(new String(cipher, 0, 8)).isEqualTo("MKAWSBK1");
        assertThat(cipher[8]).isEqualTo((byte) 1);
        assertThat(java.util.HexFormat.of().formatHex(cipher, 9, 17)).isEqualTo(encryption.fingerprint());
        assertThat(encryption.fingerprint()).hasSize(16);
    }

    @Test
    void aWrongKeyIsReportedAsAWrongKeyNamingBothBeforeAnyDecryption() throws IOException {
        byte[] cipher = encrypt(encryption, random(5000, 2), KEY);
        BackupEncryption other = BackupEncryption.ofKey(key(2), "MOCKUPAWS_BACKUP_ENCRYPTION_KEY");

        assertThatThrownBy(() -> decrypt(other, cipher, KEY))
                .isInstanceOf(BackupEncryptionException.class)
                .hasMessageContaining("was encrypted with key " + encryption.fingerprint())
                .hasMessageContaining("configured key (MOCKUPAWS_BACKUP_ENCRYPTION_KEY) is " + other.fingerprint());
    }

    @Test
    void aFlippedByteAnywhereInTheCiphertextFailsAuthentication() throws IOException {
        byte[] plain = random(2 * BackupEncryption.SEGMENT_BYTES + 100, 3);
        byte[] cipher = encrypt(encryption, plain, KEY);
        for (int position : new int[] {BackupEncryption.HEADER_BYTES + 5, BackupEncryption.HEADER_BYTES + 100,
                BackupEncryption.SEGMENT_BYTES + 7, cipher.length - 1}) {
            byte[] damaged = cipher.clone();
            damaged[position] ^= 0x01;

            assertThatThrownBy(() -> decrypt(encryption, damaged, KEY))
                    .as("flipped byte at %d", position)
                    .isInstanceOf(BackupIntegrityException.class)
                    .hasMessageContaining("failed authentication")
                    .hasMessageContaining(KEY)
                    .hasMessageNotContaining("Tag mismatch");
        }
    }

    @Test
    void aTruncatedCiphertextFailsEvenWhenCutAtASegmentBoundary() throws IOException {
        byte[] cipher = encrypt(encryption, random(3 * BackupEncryption.SEGMENT_BYTES, 4), KEY);
        int segmentEnd = BackupEncryption.HEADER_BYTES + BackupEncryption.SEGMENT_BYTES;
        for (int length : new int[] {cipher.length - 1, cipher.length - 16, 2 * segmentEnd - 40, segmentEnd, 30}) {
            byte[] cut = Arrays.copyOf(cipher, length);

            assertThatThrownBy(() -> decrypt(encryption, cut, KEY)).as("cut to %d bytes", length)
                    .isInstanceOf(BackupIntegrityException.class);
        }
    }

    @Test
    void ciphertextStoredUnderAnotherNameDoesNotDecrypt() throws IOException {
        byte[] cipher = encrypt(encryption, random(1000, 5), "backups/a/dump.pgc.enc");

        assertThatThrownBy(() -> decrypt(encryption, cipher, "backups/b/dump.pgc.enc"))
                .isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("stored under another name");
    }

    @Test
    void somethingThatIsNotABackupIsSaidToBeNone() {
        assertThatThrownBy(() -> decrypt(encryption, "PGDMP custom dump, not encrypted".getBytes(), KEY))
                .isInstanceOf(BackupIntegrityException.class)
                .hasMessageContaining("is not an encrypted mockupAWS backup object");
        assertThatThrownBy(() -> decrypt(encryption, new byte[3], KEY))
                .hasMessageContaining("only 3 bytes long");
    }

    @Test
    void encryptingTwiceGivesDifferentCiphertexts() throws IOException {
        byte[] plain = random(4096, 6);
        assertThat(encrypt(encryption, plain, KEY)).isNotEqualTo(encrypt(encryption, plain, KEY));
    }

    @Test
    void keysMustBeBase64OfExactly32Bytes() {
        assertThatThrownBy(() -> BackupEncryption.fromBase64("not base64!", "MOCKUPAWS_BACKUP_ENCRYPTION_KEY"))
                .isInstanceOf(BackupEncryptionException.class)
                .hasMessageContaining("MOCKUPAWS_BACKUP_ENCRYPTION_KEY is not valid base64")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> BackupEncryption.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "X"))
                .hasMessageContaining("is 16 bytes; it must be exactly 32 bytes");
        assertThat(BackupEncryption.fromBase64(" " + Base64.getEncoder().encodeToString(key(7)) + "\n", "X").fingerprint())
                .isEqualTo(BackupEncryption.ofKey(key(7), "Y").fingerprint());
    }

    @Test
    void anExternalDatabaseWithoutAConfiguredKeyIsRefused() {
        assertThatThrownBy(() -> BackupEncryption.configured("", temp, false))
                .isInstanceOf(BackupEncryptionException.class)
                .hasMessageContaining("MOCKUPAWS_BACKUP_ENCRYPTION_KEY is not set")
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(temp.resolve("backup-encryption-key")).doesNotExist();
    }

    @Test
    void theEmbeddedDatabaseGeneratesOneKeyIntoAPrivateFileAndKeepsUsingIt() throws IOException {
        BackupEncryption first = BackupEncryption.configured("", temp, true);
        BackupEncryption second = BackupEncryption.configured(null, temp, true);

        Path file = temp.resolve("backup-encryption-key");
        assertThat(first.origin()).isEqualTo(file.toString());
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(BackupEncryption.configured(Base64.getEncoder().encodeToString(key(9)), temp, true).origin())
                .as("a configured key wins over the file").isEqualTo("MOCKUPAWS_BACKUP_ENCRYPTION_KEY");
    }

    @Test
    void theWalCommandsNeverGenerateAKey() {
        assertThatThrownBy(() -> BackupEncryption.forWalCommands(java.util.Map.of(), temp))
                .isInstanceOf(BackupEncryptionException.class)
                .hasMessageContaining("No backup encryption key");
        assertThat(temp.resolve("backup-encryption-key")).doesNotExist();
    }

    static byte[] key(int seed) {
        return random(32, seed * 7919L);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] encrypt(BackupEncryption e, byte[] plain, String objectKey) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = e.encrypt(out, objectKey)) {
            enc.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] decrypt(BackupEncryption e, byte[] cipher, String objectKey) throws IOException {
        try (InputStream in = e.decrypt(new ByteArrayInputStream(cipher), objectKey)) {
            return in.readAllBytes();
        }
    }
}
