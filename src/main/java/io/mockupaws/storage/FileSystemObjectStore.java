package io.mockupaws.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Objects as plain files under a root directory ({@code ./data/objects} by default): {@code backups/x.enc} is the
 * file {@code <root>/backups/x.enc}, so an operator can inspect or copy them with ordinary tools.
 *
 * <p>A write goes to a hidden temporary file in the target's directory (same filesystem, so the final rename is
 * atomic), is fsynced, renamed over the target, and the directory is fsynced so the rename itself survives a
 * crash. The SHA-256 and the caller's metadata go to a hidden sidecar, {@code .<name>.meta.json}, which records the
 * size and modification time of the file it describes: if a crash (or a hand edit) leaves file and sidecar out of
 * step, the sidecar is ignored and the hash reported as unknown, never as a wrong one. Keys cannot start a segment
 * with '.', so hidden names never collide with objects and {@link #list} skips them.
 */
public final class FileSystemObjectStore implements ObjectStore {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;
    private static final String TEMP_PREFIX = ".put-";
    private static final String SIDECAR_SUFFIX = ".meta.json";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path root;

    public FileSystemObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public StoredObject put(String key, InputStream content, long length, Map<String, String> metadata) {
        Path target = pathOf(key);
        ObjectKeys.requireValidMetadata(metadata);
        MeasuredContent source = new MeasuredContent(key, content, length);
        Path dir = target.getParent();
        Path temp = null;
        try {
            createDirectoriesDurably(dir, key);
            temp = writeDurably(dir, source);
            Instant modified = Files.getLastModifiedTime(temp).toInstant();
            try {
                // rename(2): atomically replaces the previous object, which open readers keep reading whole.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (Files.isDirectory(target)) throw keyIsAFolder(key);
                throw e;
            }
            temp = null;
            StoredObject stored = new StoredObject(key, source.size(), modified, Optional.of(source.sha256()), metadata);
            writeSidecar(target, stored);
            fsyncDirectory(dir);
            return stored;
        } catch (IOException e) {
            throw failure("storing", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public PutOutcome putIfAbsent(String key, InputStream content, long length, Map<String, String> metadata) {
        Path target = pathOf(key);
        ObjectKeys.requireValidMetadata(metadata);
        MeasuredContent source = new MeasuredContent(key, content, length);
        Path dir = target.getParent();
        Path temp = null;
        try {
            createDirectoriesDurably(dir, key);
            temp = writeDurably(dir, source);
            Instant modified = Files.getLastModifiedTime(temp).toInstant();
            try {
                // link(2) fails if the name exists, so "absent" is decided atomically by the filesystem; a rename
                // cannot do that portably from Java. The link shares the temp file's inode, size and mtime.
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                StoredObject existing = stat(key).orElseThrow(() -> keyIsAFolder(key));
                return PutIfAbsent.existingOrConflict(this, existing, source.sha256());
            }
            StoredObject stored = new StoredObject(key, source.size(), modified, Optional.of(source.sha256()), metadata);
            writeSidecar(target, stored);
            fsyncDirectory(dir);
            return new PutOutcome(stored, true);
        } catch (IOException e) {
            throw failure("storing", key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Path file = pathOf(key);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attrs.isRegularFile()) return Optional.empty();
            long size = attrs.size();
            Instant modified = attrs.lastModifiedTime().toInstant();
            Optional<Sidecar> sidecar = readSidecar(file).filter(s -> s.describes(size, modified));
            return Optional.of(new StoredObject(key, size, modified,
                    sidecar.map(Sidecar::sha256), sidecar.map(Sidecar::metadata).orElse(Map.of())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (underAnObject(file)) return Optional.empty();
            throw failure("reading the attributes of", key, e);
        }
    }

    @Override
    public InputStream get(String key) {
        Path file = pathOf(key);
        // A directory here is a folder of other objects, not an object.
        if (!Files.isRegularFile(file)) throw new NoSuchObjectException(describe(), key);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchObjectException(describe(), key);
        } catch (IOException e) {
            throw failure("opening", key, e);
        }
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        ObjectKeys.requireValidPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        // Only the deepest directory the prefix names in full can hold matches; no need to walk the whole tree.
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) return List.of();
        List<ObjectSummary> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(start)) return FileVisitResult.CONTINUE;
                    String dirKey = keyOf(dir) + "/";
                    boolean mayMatch = dirKey.startsWith(prefix) || prefix.startsWith(dirKey);
                    return hidden(dir) || !mayMatch ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (hidden(file) || !attrs.isRegularFile()) return FileVisitResult.CONTINUE;
                    String key = keyOf(file);
                    if (key.startsWith(prefix) && ObjectKeys.isValidKey(key)) {
                        found.add(new ObjectSummary(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // A concurrent put's temporary file can vanish between being listed and being looked at.
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new ObjectStoreException("listing '" + prefix + "' in " + describe() + " failed: " + e, e);
        }
        found.sort(Comparator.comparing(ObjectSummary::key, ObjectKeys.ORDER));
        return found;
    }

    @Override
    public void delete(String key) {
        Path file = pathOf(key);
        try {
            if (Files.isDirectory(file)) return;
            boolean deleted = Files.deleteIfExists(file);
            deleted |= Files.deleteIfExists(sidecarOf(file));
            if (deleted) fsyncDirectory(file.getParent());
        } catch (NoSuchFileException e) {
            // The key's directory does not exist: nothing to delete.
        } catch (IOException e) {
            if (underAnObject(file)) return;
            throw failure("deleting", key, e);
        }
    }

    private Path pathOf(String key) {
        ObjectKeys.requireValidKey(key);
        Path path = root.resolve(key).normalize();
        // The key rules already exclude '..', absolute keys and separators other than '/'; this makes the
        // "never outside the root" guarantee independent of them.
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("invalid object key " + ObjectKeys.quote(key) + ": outside the store");
        }
        return path;
    }

    private String keyOf(Path path) {
        StringBuilder key = new StringBuilder();
        for (Path name : root.relativize(path)) {
            if (!key.isEmpty()) key.append('/');
            key.append(name);
        }
        return key.toString();
    }

    /**
     * Whether a folder on the way to {@code file} is a file, i.e. an object ("a" when asked about "a/b"): the OS
     * then answers ENOTDIR, which Java reports as a generic FileSystemException rather than NoSuchFileException.
     */
    private boolean underAnObject(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            if (Files.isRegularFile(dir)) return true;
        }
        return false;
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static Path writeDurably(Path dir, MeasuredContent source) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            ByteBuffer view = ByteBuffer.wrap(buffer);
            int n;
            while ((n = source.read(buffer, 0, buffer.length)) >= 0) {
                view.clear().limit(n);
                while (view.hasRemaining()) out.write(view);
            }
            source.sha256(); // confirms the content ended where it should
            out.force(true);
            return temp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private void writeSidecar(Path target, StoredObject stored) throws IOException {
        Sidecar sidecar = new Sidecar(stored.size(), stored.lastModified().toString(), stored.sha256().orElseThrow(),
                stored.metadata());
        Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer json = ByteBuffer.wrap(JSON.writeValueAsBytes(sidecar));
                while (json.hasRemaining()) out.write(json);
                out.force(true);
            }
            Files.move(temp, sidecarOf(target), StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } finally {
            deleteQuietly(temp);
        }
    }

    private static Optional<Sidecar> readSidecar(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(sidecarOf(file)), Sidecar.class))
                    .filter(Sidecar::wellFormed);
        } catch (IOException | JacksonException e) {
            // Missing or unreadable: the object is still there, only its hash and metadata are unknown.
            return Optional.empty();
        }
    }

    private static Path sidecarOf(Path file) {
        return file.resolveSibling("." + file.getFileName() + SIDECAR_SUFFIX);
    }

    /** Creates {@code dir} and its missing parents, fsyncing each parent so the new entries survive a crash. */
    private void createDirectoriesDurably(Path dir, String key) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (parent != null) createDirectoriesDurably(parent, key);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) return; // created concurrently
            if (dir.startsWith(root) && !dir.equals(root)) {
                throw new ObjectStoreException("cannot store '" + key + "' in " + describe() + ": '" + keyOf(dir)
                        + "' is an object, so it cannot also be a folder of objects");
            }
            throw new ObjectStoreException("cannot store '" + key + "' in " + describe() + ": " + dir
                    + " exists and is not a directory");
        }
        if (parent != null) fsyncDirectory(parent);
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A leftover hidden temp file is invisible to list and harmless; the original failure matters more.
        }
    }

    private ObjectStoreException keyIsAFolder(String key) {
        return new ObjectStoreException("cannot store '" + key + "' in " + describe()
                + ": it is a folder of other objects");
    }

    private ObjectStoreException failure(String action, String key, IOException e) {
        return new ObjectStoreException(action + " '" + key + "' in " + describe() + " failed: " + e, e);
    }

    /** What the sidecar file holds; {@code size} and {@code modified} identify the file version it describes. */
    record Sidecar(long size, String modified, String sha256, Map<String, String> metadata) {

        boolean wellFormed() {
            return modified != null && sha256 != null && SHA256_HEX.matcher(sha256).matches() && metadata != null;
        }

        boolean describes(long fileSize, Instant fileModified) {
            return size == fileSize && modified.equals(fileModified.toString());
        }
    }
}
