package io.mockupaws.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flat namespace of immutable-once-written byte objects, addressed by '/'-separated relative keys (see
 * {@link ObjectKeys} for the rules). Content is always streamed: no method holds a whole object in memory, so
 * multi-GB backups cost the same memory as a 1 KiB metadata file.
 *
 * <p>Every write is atomic and durable: a reader sees either the previous object or the complete new one, never a
 * partial one, and a write returns only once the object survives a crash (fsync on a filesystem, a completed upload
 * on S3). All failures are unchecked {@link ObjectStoreException}s; a missing object on {@link #get} is the
 * dedicated {@link NoSuchObjectException}. Implementations are safe for concurrent use; of concurrent writers of
 * the same key, the last to complete wins.
 */
public interface ObjectStore {

    /** The {@code length} to pass when the content's size is not known in advance. */
    long UNKNOWN_LENGTH = -1;

    /** Where the objects live, for logs and status pages: {@code file:/abs/path} or {@code s3://bucket/prefix}. */
    String describe();

    /**
     * Stores {@code content} under {@code key}, replacing any object there. The stream is read to its end but not
     * closed. When {@code length} is not {@link #UNKNOWN_LENGTH}, the content must be exactly that long, otherwise
     * nothing is stored and an {@link ObjectStoreException} says why (a source that grew or shrank while being read
     * must not become a backup).
     *
     * @param metadata small string pairs kept with the object (rules in {@link ObjectKeys#requireValidMetadata})
     * @return the stored object, always with its SHA-256
     */
    StoredObject put(String key, InputStream content, long length, Map<String, String> metadata);

    /**
     * Stores {@code content} only if {@code key} holds nothing yet, atomically with respect to other writers. If
     * the key already holds the same bytes (by SHA-256), that is a success with {@code created == false}: this is
     * what makes re-archiving the same WAL segment safe. If it holds different bytes, nothing changes and an
     * {@link ObjectConflictException} is thrown.
     */
    PutOutcome putIfAbsent(String key, InputStream content, long length, Map<String, String> metadata);

    /** The object's size, time, SHA-256 (when known) and metadata, or empty when there is no such object. */
    Optional<StoredObject> stat(String key);

    /**
     * Opens the object for reading; the caller closes the stream.
     *
     * @throws NoSuchObjectException when there is no object under {@code key}
     */
    InputStream get(String key);

    /**
     * Every object whose key starts with {@code prefix} (a plain string prefix, so {@code "wal/0000"} matches
     * {@code "wal/000000010000000000000001"}; {@code ""} lists everything), sorted by key in UTF-8 byte order.
     */
    List<ObjectSummary> list(String prefix);

    /** Removes the object; removing an object that does not exist is not an error. */
    void delete(String key);
}
