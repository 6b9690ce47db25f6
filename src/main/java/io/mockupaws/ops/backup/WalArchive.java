package io.mockupaws.ops.backup;

import io.mockupaws.storage.NoSuchObjectException;
import io.mockupaws.storage.ObjectConflictException;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ReplicatedObjectStore;
import io.mockupaws.storage.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The WAL archive: PostgreSQL's {@code archive_command} pushes every finished WAL segment (and timeline history,
 * {@code .partial} and {@code .backup} files) here, encrypted, as {@code wal/<name>}; its {@code restore_command}
 * fetches them back during recovery.
 *
 * <p>Archiving must be idempotent: PostgreSQL retries a segment whose push it did not see succeed, so the same
 * segment may arrive twice. Ciphertexts differ on every push (fresh salt and nonces), so sameness is decided by the
 * SHA-256 of the plaintext, kept as the object's {@value #PLAIN_SHA256} metadata: the same segment again is
 * success; a different segment under an existing name means two clusters (or timelines) archive into one place,
 * and is refused without touching what is stored.
 *
 * <p>Segments are gzipped (fastest level) before encryption: a segment closed early by {@code archive_timeout} is
 * still 16 MiB, mostly unused, and with a segment a minute under light writes, a week of them would otherwise be
 * 160 GB.
 */
public final class WalArchive {

    static final String PREFIX = "wal/";
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    static final String PLAIN_SHA256 = "plain-sha256";

    private final ObjectStore store;
    private final BackupEncryption encryption;
    private final long readWholeMax;

    /** For the one-segment {@code wal-push} JVM: reads a segment once, into memory. */
    public WalArchive(ObjectStore store, BackupEncryption encryption) {
        this(store, encryption, READ_WHOLE_MAX);
    }

    /**
     * @param readWholeMax segments up to this size are read into memory once; larger ones are read twice, streamed
     *                     (the long-running shipper streams every segment: its SHA-256 is compiled and cheap, and a
     *                     16 MiB array every few seconds is garbage the request path would pay for)
     */
    WalArchive(ObjectStore store, BackupEncryption encryption, long readWholeMax) {
        this.store = store;
        this.encryption = encryption;
        this.readWholeMax = readWholeMax;
    }

    /** What a push did. */
    public enum Pushed { STORED, ALREADY_ARCHIVED }

    /**
     * Stores the WAL file durably (on the secondary store too, when one is configured).
     *
     * @throws BackupException when the file cannot be read or stored, or a different file is archived under its name
     */
    public Pushed push(Path walFile) {
        String name = walFile.getFileName().toString();
        if (!WalPosition.isWalFileName(name)) {
            throw new BackupException("'" + name + "' is not a WAL file name; archive_command must pass %p");
        }
        String key = PREFIX + name;
        String plainSha256;
        // A segment (16 MiB unless initdb chose otherwise) is read once: hashed and uploaded from the same bytes,
        // so it cannot change in between, and SHA-256 — most of a push's CPU in this short-lived JVM, which never
        // reaches the compiler that uses the CPU's SHA instructions — runs once instead of twice.
        byte[] content;
        try {
            content = Files.size(walFile) <= readWholeMax ? Files.readAllBytes(walFile) : null;
            plainSha256 = content != null ? sha256(content) : sha256Of(walFile);
        } catch (IOException e) {
            throw new BackupException("Cannot read " + walFile + ": " + e.getMessage(), e);
        }
        Optional<StoredObject> existing = store.stat(key);
        if (existing.isPresent()) return alreadyThere(key, existing.get(), plainSha256);
        Map<String, String> metadata = Map.of(PLAIN_SHA256, plainSha256, "key-fingerprint", encryption.fingerprint(),
                "compression", "gzip");
        try {
            if (content != null) {
                putIfAbsent(key, metadata, gzip -> gzip.write(content));
                return Pushed.STORED;
            }
            String uploadedSha256 = putIfAbsent(key, walFile, metadata);
            if (!uploadedSha256.equals(plainSha256)) {
                // The file changed while it was read: PostgreSQL never does that to a finished segment.
                store.delete(key);
                throw new BackupException(walFile + " changed while it was being archived; not archived");
            }
            return Pushed.STORED;
        } catch (ObjectConflictException e) {
            // Another push of this name won the race; whether that is fine depends on what it pushed.
            return alreadyThere(key, store.stat(key).orElseThrow(() -> e), plainSha256);
        }
    }

    /**
     * Restores an archived WAL file to {@code destination}, written under a temporary name and renamed into
     * place, so that PostgreSQL never sees a partial file.
     *
     * @return false when the archive has no such file (normal at the end of recovery)
     */
    public boolean fetch(String name, Path destination) {
        return fetch(name, destination, file -> { });
    }

    /** @param beforeRename applied to the complete file before it appears under its name (to hand it to another user) */
    boolean fetch(String name, Path destination, java.util.function.Consumer<Path> beforeRename) {
        if (!WalPosition.isWalFileName(name)) {
            throw new BackupException("'" + name + "' is not a WAL file name; restore_command must pass %f");
        }
        String key = PREFIX + name;
        Optional<StoredObject> stat = store.stat(key);
        if (stat.isEmpty()) return false;
        Path temp = destination.resolveSibling("." + destination.getFileName() + ".mockupaws-fetch");
        MessageDigest digest = EncryptedUpload.sha256();
        try (InputStream in = store.get(key);
             InputStream plain = new DigestInputStream(new GZIPInputStream(encryption.decrypt(in, key), 1 << 16), digest);
             FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE), PRIVATE)) {
            plain.transferTo(java.nio.channels.Channels.newOutputStream(out));
            out.force(true);
        } catch (NoSuchObjectException e) {
            deleteQuietly(temp);
            return false;
        } catch (BackupIntegrityException e) {
            deleteQuietly(temp);
            throw new BackupException("Archived WAL file " + key + " is corrupted: " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new BackupException("Cannot restore " + key + " to " + destination + ": " + e.getMessage(), e);
        }
        String expected = stat.get().metadata().get(PLAIN_SHA256);
        String actual = HexFormat.of().formatHex(digest.digest());
        if (expected != null && !expected.equals(actual)) {
            deleteQuietly(temp);
            throw new BackupException("Archived WAL file " + key + " decrypts to content with SHA-256 " + actual
                    + ", but " + expected + " was archived");
        }
        try {
            beforeRename.accept(temp);
            Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new BackupException("Cannot move the restored " + name + " into " + destination + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** Segments up to this size are read whole (larger ones, from an initdb with --wal-segsize, are streamed twice). */
    static final long READ_WHOLE_MAX = 64L << 20;

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(EncryptedUpload.sha256().digest(content));
    }

    /** @return the SHA-256 of the file as it was read for the upload */
    private String putIfAbsent(String key, Path walFile, Map<String, String> metadata) {
        MessageDigest digest = EncryptedUpload.sha256();
        putIfAbsent(key, metadata, gzip -> {
            try (InputStream in = new DigestInputStream(Files.newInputStream(walFile), digest)) {
                in.transferTo(gzip);
            }
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Stores what {@code segment} writes, gzipped and encrypted. */
    private void putIfAbsent(String key, Map<String, String> metadata, EncryptedUpload.Producer segment) {
        // EncryptedUpload stores with put(); a WAL name must never be overwritten, so the encrypted bytes go through
        // putIfAbsent, which decides "absent" atomically in the store.
        EncryptedUpload.put(new PutIfAbsentView(store), key, metadata, encryption, ObjectStore.UNKNOWN_LENGTH, plain -> {
            Deflating gzip = new Deflating(plain);
            segment.writeTo(gzip);
            gzip.finish();
        });
    }

    /** gzip at the fastest level; finish() without closing the stream underneath. */
    private static final class Deflating extends GZIPOutputStream {
        Deflating(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private Pushed alreadyThere(String key, StoredObject existing, String plainSha256) {
        String archived = existing.metadata().get(PLAIN_SHA256);
        if (archived == null) archived = decryptedSha256(key);
        if (!archived.equals(plainSha256)) {
            throw new BackupException(key + " is already archived in " + store.describe() + " with different content (SHA-256 "
                    + archived + ", this file " + plainSha256 + "). Two clusters may be archiving into the same place; "
                    + "nothing was overwritten.");
        }
        completeSecondaryCopy(key);
        return Pushed.ALREADY_ARCHIVED;
    }

    /** An earlier push may have stored the primary copy and failed before the secondary; finish that now. */
    private void completeSecondaryCopy(String key) {
        if (!(store instanceof ReplicatedObjectStore replicated)) return;
        if (replicated.secondary().stat(key).isPresent()) return;
        StoredObject primary = replicated.primary().stat(key).orElseThrow();
        try (InputStream in = replicated.primary().get(key)) {
            replicated.secondary().putIfAbsent(key, in, primary.size(), primary.metadata());
        } catch (IOException e) {
            throw new BackupException("Copying " + key + " to " + replicated.secondary().describe() + " failed: " + e.getMessage(), e);
        }
    }

    private String decryptedSha256(String key) {
        MessageDigest digest = EncryptedUpload.sha256();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(encryption.decrypt(store.get(key), key)), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new BackupException("Cannot read the archived " + key + " to compare it: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = EncryptedUpload.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a hidden leftover in pg_wal; PostgreSQL ignores it
        }
    }

    /** A store whose put is putIfAbsent: lets EncryptedUpload's pipeline write WAL without ever replacing it. */
    private record PutIfAbsentView(ObjectStore store) implements ObjectStore {
        @Override
        public String describe() {
            return store.describe();
        }

        @Override
        public StoredObject put(String key, InputStream content, long length, Map<String, String> metadata) {
            return store.putIfAbsent(key, content, length, metadata).object();
        }

        @Override
        public io.mockupaws.storage.PutOutcome putIfAbsent(String key, InputStream content, long length, Map<String, String> metadata) {
            return store.putIfAbsent(key, content, length, metadata);
        }

        @Override
        public Optional<StoredObject> stat(String key) {
            return store.stat(key);
        }

        @Override
        public InputStream get(String key) {
            return store.get(key);
        }

        @Override
        public java.util.List<io.mockupaws.storage.ObjectSummary> list(String prefix) {
            return store.list(prefix);
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }
    }
}
