package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectStoreException;
import io.mockupaws.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads a backup's data object back the only trustworthy way: the object must be there with the size the metadata
 * recorded; it is decrypted and authenticated to its very end (also past whatever the consumer needed); and both
 * the stored and the decrypted bytes must have the SHA-256 the metadata recorded.
 */
final class BackupReader {

    /** Reads the plaintext; it need not read all of it. */
    @FunctionalInterface
    interface PlainConsumer {
        void read(InputStream plain) throws Exception;
    }

    private BackupReader() {}

    static void read(ObjectStore store, BackupMetadata backup, BackupEncryption encryption, PlainConsumer consumer) {
        String key = backup.objectKey();
        StoredObject stored = store.stat(key).orElseThrow(() -> new BackupException("Backup " + backup.id() + " is missing its data: "
                + key + " is not in " + store.describe()));
        if (stored.size() != backup.sizeBytes()) {
            throw new BackupException("Backup " + backup.id() + " is corrupted: " + key + " is " + stored.size()
                    + " bytes, but it was " + backup.sizeBytes() + " bytes when written (truncated or replaced)");
        }
        MessageDigest cipherDigest = EncryptedUpload.sha256();
        MessageDigest plainDigest = EncryptedUpload.sha256();
        try (InputStream raw = store.get(key);
             InputStream cipher = new DigestInputStream(raw, cipherDigest);
             InputStream plain = new DigestInputStream(encryption.decrypt(cipher, key), plainDigest)) {
            try {
                consumer.read(plain);
            } catch (BackupIntegrityException e) {
                throw e;
            } catch (Exception e) {
                // A consumer (tar, gzip, a tool) that choked may have been fed bad bytes: authenticate the rest first,
                // so that corruption is reported as corruption, not as whatever it made the consumer say.
                plain.transferTo(OutputStream.nullOutputStream());
                if (e instanceof RuntimeException r) throw r;
                throw new BackupException("Reading backup " + backup.id() + " failed: " + e.getMessage(), e);
            }
            plain.transferTo(OutputStream.nullOutputStream());
            cipher.transferTo(OutputStream.nullOutputStream());
        } catch (BackupIntegrityException e) {
            throw new BackupException("Backup " + backup.id() + " is corrupted: " + e.getMessage(), e);
        } catch (IOException | ObjectStoreException e) {
            throw new BackupException("Reading backup " + backup.id() + " from " + store.describe() + " failed: " + e.getMessage(), e);
        }
        String cipherSha = HexFormat.of().formatHex(cipherDigest.digest());
        if (!cipherSha.equals(backup.sha256())) {
            throw new BackupException("Backup " + backup.id() + " is corrupted: the SHA-256 of " + key + " is " + cipherSha
                    + ", but " + backup.sha256() + " was recorded when it was written");
        }
        String plainSha = HexFormat.of().formatHex(plainDigest.digest());
        if (backup.plainSha256() != null && !plainSha.equals(backup.plainSha256())) {
            throw new BackupException("Backup " + backup.id() + " is corrupted: its decrypted content has SHA-256 " + plainSha
                    + ", but " + backup.plainSha256() + " was recorded");
        }
    }
}
