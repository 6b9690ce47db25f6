package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams plaintext, encrypted on the way, into an object store: a producer thread writes the plaintext (usually a
 * tool's output) through {@link BackupEncryption} into a {@link BytePipe}, and the calling thread uploads what comes
 * out of it. Memory stays at a few MiB whatever the size; the tool compresses in its own process while this one
 * encrypts, hashes and uploads.
 *
 * <p>The upload ends normally only when the producer finished without error; otherwise it fails, the store keeps
 * nothing (both adapters discard an upload whose content stream fails), and the producer's own error is what the
 * caller sees.
 */
final class EncryptedUpload {

    /** What the producer does: write the whole plaintext to {@code plain}, or throw. */
    @FunctionalInterface
    interface Producer {
        void writeTo(OutputStream plain) throws Exception;
    }

    /**
     * @param stored the object as stored (its SHA-256 is that of the ciphertext)
     * @param plainSha256 SHA-256 of the plaintext, hex
     */
    record Result(StoredObject stored, long plainSize, String plainSha256) {}

    private EncryptedUpload() {}

    /**
     * @param encryptedLength the exact ciphertext length when known (see {@link BackupEncryption#encryptedSize}),
     *                        else {@link ObjectStore#UNKNOWN_LENGTH}
     */
    static Result put(ObjectStore store, String key, Map<String, String> metadata, BackupEncryption encryption,
                      long encryptedLength, Producer producer) {
        BytePipe pipe = new BytePipe(16);
        MessageDigest digest = sha256();
        long[] plainSize = new long[1];
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("encrypt " + key).daemon().start(() -> {
            try {
                OutputStream encrypted = encryption.encrypt(pipe.sink(), key);
                OutputStream plain = new DigestOutputStream(new Counting(encrypted, plainSize), digest);
                producer.writeTo(plain);
                // Only now: closing writes the final segment, and the upload sees a normal end.
                encrypted.close();
            } catch (Throwable e) {
                producerFailure.set(e);
                pipe.fail(e);
            }
        });
        StoredObject stored;
        try {
            stored = store.put(key, pipe.source(), encryptedLength, metadata);
        } catch (RuntimeException e) {
            // A producer that failed first is the cause of the failed upload; one that fails after we stop reading
            // only reports that we stopped.
            Throwable cause = producerFailure.get();
            pipe.stopReading();
            join(writer);
            if (cause != null) throw asBackupException(cause, key);
            throw e;
        }
        join(writer);
        if (producerFailure.get() != null) {
            // The store read a normal end, so the producer failed after closing; do not keep what it wrote.
            store.delete(key);
            throw asBackupException(producerFailure.get(), key);
        }
        return new Result(stored, plainSize[0], HexFormat.of().formatHex(digest.digest()));
    }

    private static BackupException asBackupException(Throwable failure, String key) {
        if (failure instanceof BackupException b) return b;
        return new BackupException("writing " + key + " failed: " + failure.getMessage(), failure);
    }

    private static void join(Thread writer) {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while waiting for the backup writer");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private final long[] count;

        Counting(OutputStream out, long[] count) {
            this.out = out;
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count[0] += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
