package io.mockupaws.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One object as the store knows it.
 *
 * @param sha256 lowercase hex SHA-256 of the content; empty for objects this module did not write (or whose record
 *               of it was lost in a crash), because working it out would mean reading the whole object
 * @param metadata the caller's metadata as given to {@code put}; empty when unknown, as with {@code sha256}
 */
public record StoredObject(
        String key, long size, Instant lastModified, Optional<String> sha256, Map<String, String> metadata) {

    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(sha256, "sha256");
        // Sorted and unmodifiable, so two stores holding the same object produce equal records.
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }

    public ObjectSummary summary() {
        return new ObjectSummary(key, size, lastModified);
    }
}
