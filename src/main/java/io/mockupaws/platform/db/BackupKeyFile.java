package io.mockupaws.platform.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The backup encryption key an embedded installation generates for itself when {@code MOCKUPAWS_BACKUP_ENCRYPTION_KEY}
 * is not set: 32 random bytes, base64, in {@code <data dir>/backup-encryption-key} (mode 0600).
 *
 * <p>It lives here, beside the superuser password file, because the key must exist before the embedded server
 * starts: the server's {@code archive_command} encrypts every WAL segment with it from its first minute.
 */
public final class BackupKeyFile {

    public static final String FILE_NAME = "backup-encryption-key";
    public static final int KEY_BYTES = 32;

    private BackupKeyFile() {}

    public static Path of(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    /**
     * Creates the key file unless it exists.
     *
     * @return whether it was created now
     */
    public static boolean ensure(Path dataDir) {
        Path file = of(dataDir);
        if (Files.exists(file)) return false;
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path temp = file.resolveSibling("." + FILE_NAME + "-" + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel out = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                out.write(ByteBuffer.wrap(text));
                out.force(true);
            }
            // link(2) fails when the name exists: of two processes generating at once, one key wins and both use it.
            try {
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
            return true;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create the backup encryption key " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a hidden leftover next to the key; harmless
            }
        }
    }
}
