package io.mockupaws.ops.backup;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import io.mockupaws.platform.db.BackupKeyFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * Encryption of everything mockupAWS puts in the backup store: dumps, base backups and WAL segments.
 *
 * <p>An encrypted object is a small plaintext header followed by Tink's streaming AEAD (AES-GCM-HKDF) ciphertext:
 * <pre>
 *   "MKAWSBK1" | format version (1 byte, = 1) | key fingerprint (8 bytes) | Tink stream
 * </pre>
 * The Tink stream derives a fresh AES-256 key per object (HKDF-SHA256 over the configured key and a random salt) and
 * encrypts 1 MiB segments, each with its own GCM tag and a nonce that marks the last segment. So memory stays at one
 * segment whatever the size (the JDK's own GCM would buffer a whole object before releasing any plaintext), and any
 * changed, reordered or missing segment, including a cut-off end, fails authentication. The object key is the
 * associated data: a backup copied over another backup's name does not decrypt.
 *
 * <p>The fingerprint (the first 8 bytes of SHA-256 of the key) is readable without the key, so a restore with the
 * wrong key says so, naming both keys, instead of reporting a corrupted file.
 */
public final class BackupEncryption {

    public static final String KEY_VARIABLE = "MOCKUPAWS_BACKUP_ENCRYPTION_KEY";

    static final byte[] MAGIC = "MKAWSBK1".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int FINGERPRINT_BYTES = 8;
    static final int HEADER_BYTES = MAGIC.length + 1 + FINGERPRINT_BYTES;
    static final int SEGMENT_BYTES = 1 << 20;

    private final AesGcmHkdfStreaming aead;
    private final byte[] fingerprint;
    private final String origin;

    private BackupEncryption(byte[] key, String origin) {
        if (key.length != BackupKeyFile.KEY_BYTES) {
            throw new BackupEncryptionException("The backup encryption key from " + origin + " is " + key.length
                    + " bytes; it must be exactly 32 bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        try {
            this.aead = new AesGcmHkdfStreaming(key, "HmacSha256", 32, SEGMENT_BYTES, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM-HKDF streaming is not available in this JVM", e);
        }
        this.fingerprint = Arrays.copyOf(sha256(key), FINGERPRINT_BYTES);
        this.origin = origin;
    }

    /** @param origin where the key came from, for messages (an environment variable or file name, never the key) */
    public static BackupEncryption ofKey(byte[] key, String origin) {
        return new BackupEncryption(key, origin);
    }

    public static BackupEncryption fromBase64(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new BackupEncryptionException("The backup encryption key from " + origin + " is not valid base64 ("
                    + e.getMessage() + "); it must be base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        return new BackupEncryption(key, origin);
    }

    /**
     * The key the configuration gives: {@value #KEY_VARIABLE} if set; otherwise, for the embedded database only, the
     * key in {@code <data dir>/backup-encryption-key}, generated there on first use.
     *
     * @param configuredKey the variable's value, blank when unset
     */
    public static BackupEncryption configured(String configuredKey, Path dataDir, boolean embedded) {
        if (configuredKey != null && !configuredKey.isBlank()) return fromBase64(configuredKey, KEY_VARIABLE);
        if (!embedded) {
            throw new BackupEncryptionException(KEY_VARIABLE + " is not set. Backups are always encrypted, and for an "
                    + "external database mockupAWS will not invent a key that would exist only on this machine. Create one "
                    + "with `openssl rand -base64 32`, keep a copy safe and apart from the backups, and set " + KEY_VARIABLE + ".");
        }
        BackupKeyFile.ensure(dataDir);
        return fromFile(BackupKeyFile.of(dataDir));
    }

    /**
     * For the WAL commands PostgreSQL runs: {@value #KEY_VARIABLE} from {@code env}, else the data directory's key
     * file, which must already exist. They never generate a key: a key made up by an archiver that cannot find the
     * real one would silently split the archive in two.
     */
    public static BackupEncryption forWalCommands(Map<String, String> env, Path dataDir) {
        String configured = env.get(KEY_VARIABLE);
        if (configured != null && !configured.isBlank()) return fromBase64(configured, KEY_VARIABLE);
        Path file = BackupKeyFile.of(dataDir);
        if (!Files.exists(file)) {
            throw new BackupEncryptionException("No backup encryption key: " + KEY_VARIABLE + " is not set and " + file
                    + " does not exist");
        }
        return fromFile(file);
    }

    private static BackupEncryption fromFile(Path file) {
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new BackupEncryptionException("Cannot read the backup encryption key " + file + ": " + e.getMessage());
        }
    }

    /** First 8 bytes of SHA-256 of the key, in hex: names the key in metadata and messages without revealing it. */
    public String fingerprint() {
        return HexFormat.of().formatHex(fingerprint);
    }

    /** Where the key came from: {@value #KEY_VARIABLE} or the key file's path. */
    public String origin() {
        return origin;
    }

    /** How long the encrypted form of {@code plainSize} bytes is. */
    public long encryptedSize(long plainSize) {
        return HEADER_BYTES + aead.expectedCiphertextSize(plainSize);
    }

    /**
     * Encrypts what is written to the returned stream into {@code out}. Closing the returned stream writes the last
     * segment and closes {@code out}; content that was never closed does not decrypt.
     *
     * @param objectKey the store key the ciphertext will be stored under
     */
    public OutputStream encrypt(OutputStream out, String objectKey) throws IOException {
        out.write(MAGIC);
        out.write(FORMAT_VERSION);
        out.write(fingerprint);
        try {
            return aead.newEncryptingStream(out, associatedData(objectKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encrypting " + objectKey + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts {@code in}, the content of {@code objectKey}. The header is read and checked at once: an object that
     * is not a mockupAWS backup, or was encrypted with another key, fails here with a message saying so. Content
     * that fails authentication later throws {@link BackupIntegrityException} from {@code read}; read errors of
     * {@code in} itself come through unchanged.
     */
    public InputStream decrypt(InputStream in, String objectKey) throws IOException {
        SourceErrors source = new SourceErrors(in);
        byte[] header = new byte[HEADER_BYTES];
        int read = source.readNBytes(header, 0, HEADER_BYTES);
        if (read < HEADER_BYTES || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BackupIntegrityException(objectKey + " is not an encrypted mockupAWS backup object"
                    + (read < HEADER_BYTES ? " (only " + read + " bytes long)" : " (its header is wrong)")
                    + "; it is damaged or not what it claims to be");
        }
        int version = header[MAGIC.length] & 0xff;
        if (version != FORMAT_VERSION) {
            throw new BackupIntegrityException(objectKey + " has encryption format version " + version
                    + "; this mockupAWS reads version " + FORMAT_VERSION);
        }
        byte[] theirs = Arrays.copyOfRange(header, MAGIC.length + 1, HEADER_BYTES);
        if (!MessageDigest.isEqual(theirs, fingerprint)) {
            throw new BackupEncryptionException(objectKey + " was encrypted with key " + HexFormat.of().formatHex(theirs)
                    + ", but the configured key (" + origin + ") is " + fingerprint() + ". Set " + KEY_VARIABLE
                    + " to the key that made this backup.");
        }
        try {
            return new Authenticated(aead.newDecryptingStream(source, associatedData(objectKey)), objectKey);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decrypting " + objectKey + ": " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(String objectKey) {
        return objectKey.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Marks read errors of the stored object itself, so they are not mistaken for failed authentication. */
    private static final class SourceErrors extends FilterInputStream {

        SourceErrors(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new SourceReadException(e);
            }
        }
    }

    private static final class SourceReadException extends IOException {
        SourceReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Turns Tink's terse "Tag mismatch" (with its internal state dump) into a message an operator can act on. */
    private static final class Authenticated extends FilterInputStream {

        private final String objectKey;
        private long plaintextRead;

        Authenticated(InputStream in, String objectKey) {
            super(in);
            this.objectKey = objectKey;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                if (n > 0) plaintextRead += n;
                return n;
            } catch (SourceReadException e) {
                throw (IOException) e.getCause();
            } catch (BackupIntegrityException e) {
                throw e;
            } catch (IOException e) {
                throw new BackupIntegrityException(objectKey + " failed authentication after " + plaintextRead
                        + " bytes of plaintext: the stored object was modified, truncated or damaged, or was stored "
                        + "under another name. Nothing read from it can be trusted.");
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping must still authenticate what is skipped.
            byte[] scratch = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) break;
                skipped += r;
            }
            return skipped;
        }
    }
}
