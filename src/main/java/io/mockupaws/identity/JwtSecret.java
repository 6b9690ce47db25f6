package io.mockupaws.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that signs access tokens (HS256). Never a built-in default: a default would be public, and anyone could
 * mint tokens with it.
 * <ul>
 *   <li>{@code MOCKUPAWS_JWT_SECRET} set: its UTF-8 bytes, at least 32 (256 bits, HS256's key size), else refused.</li>
 *   <li>unset, embedded database: generated once with {@link SecureRandom} and kept in {@code <data dir>/jwt-secret}
 *       (mode 0600), so tokens survive a restart like the data does.</li>
 *   <li>unset, external database: refused — several instances share that database and must share the key, and
 *       a per-host file would silently sign with different keys.</li>
 * </ul>
 */
final class JwtSecret {

    static final int MIN_BYTES = 32;
    static final int GENERATED_BYTES = 64;
    static final String FILE = "jwt-secret";

    private JwtSecret() {}

    static byte[] resolve(String configured, boolean embedded, Path dataDir) {
        if (configured != null && !configured.isEmpty()) {
            byte[] key = configured.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new InsecureConfigurationException("MOCKUPAWS_JWT_SECRET is " + key.length + " bytes long; it must be at least "
                        + MIN_BYTES + " bytes (256 bits). Generate one with: openssl rand -base64 48");
            }
            return key;
        }
        if (!embedded) {
            throw new InsecureConfigurationException("MOCKUPAWS_JWT_SECRET is required when MOCKUPAWS_DATABASE_URL points at an "
                    + "external database: every instance must sign tokens with the same key. Generate one with: openssl rand -base64 48");
        }
        return fromDataDir(dataDir);
    }

    private static byte[] fromDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) create(file);
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length < MIN_BYTES) {
                throw new InsecureConfigurationException(file + " holds a key of " + key.length + " bytes; at least " + MIN_BYTES
                        + " are needed. Delete the file to have a new key generated (every signed-in user must sign in again).");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InsecureConfigurationException(file + " is not a base64 key. Delete it to have a new one generated.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the JWT key file " + file, e);
        }
    }

    /**
     * Writes a fresh key to a private temporary file, then hard-links it into place: the link either appears whole or
     * fails because another process (a CLI command on the same data dir) got there first, whose key then wins.
     */
    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(file.getParent(), ".jwt-secret", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raceLost) {
                // another process created it meanwhile: use theirs
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
