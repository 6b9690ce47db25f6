package io.mockupaws.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A primary store with a secondary that receives a copy of every object: the backup store when
 * {@code MOCKUPAWS_BACKUP_SECONDARY_*} is configured, so that losing one location does not lose backups or WAL.
 *
 * <p>Writes go to the primary first, then the object is read back from the primary and streamed to the secondary.
 * Reading back (rather than splitting the caller's stream between two uploads) keeps one upload's memory and lets a
 * slow or failing secondary never corrupt the primary's copy; it also proves the primary's copy is readable. The
 * copy is checked against the primary's SHA-256. An operation succeeds only when both stores hold the result; if
 * the secondary fails, the primary keeps the object and a {@link ReplicationException} reports it, so a caller such
 * as {@code wal-push} exits non-zero and its retry (idempotent via {@link #putIfAbsent}) completes the copy.
 *
 * <p>Reads use the primary and fall back to the secondary only when the primary lacks the object; a primary that
 * fails for another reason (unreachable, denied) fails the read, rather than silently serving from elsewhere.
 */
public final class ReplicatedObjectStore implements ObjectStore {

    private final ObjectStore primary;
    private final ObjectStore secondary;

    public ReplicatedObjectStore(ObjectStore primary, ObjectStore secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    public ObjectStore primary() {
        return primary;
    }

    public ObjectStore secondary() {
        return secondary;
    }

    @Override
    public String describe() {
        return primary.describe() + " replicated to " + secondary.describe();
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public StoredObject put(String key, InputStream content, long length, Map<String, String> metadata) {
        StoredObject stored = primary.put(key, content, length, metadata);
        replicate(stored, false);
        return stored;
    }

    @Override
    public PutOutcome putIfAbsent(String key, InputStream content, long length, Map<String, String> metadata) {
        PutOutcome outcome = primary.putIfAbsent(key, content, length, metadata);
        // Also when the primary already had it: an earlier attempt may have stopped before the secondary.
        replicate(outcome.object(), true);
        return outcome;
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        Optional<StoredObject> found = primary.stat(key);
        return found.isPresent() ? found : secondary.stat(key);
    }

    @Override
    public InputStream get(String key) {
        try {
            return primary.get(key);
        } catch (NoSuchObjectException e) {
            try {
                return secondary.get(key);
            } catch (NoSuchObjectException alsoMissing) {
                throw new NoSuchObjectException(describe(), key);
            }
        }
    }

    /** Both stores' objects, the primary's entry winning for a key both hold. */
    @Override
    public List<ObjectSummary> list(String prefix) {
        Map<String, ObjectSummary> merged = new LinkedHashMap<>();
        for (ObjectSummary summary : secondary.list(prefix)) merged.put(summary.key(), summary);
        for (ObjectSummary summary : primary.list(prefix)) merged.put(summary.key(), summary);
        List<ObjectSummary> all = new ArrayList<>(merged.values());
        all.sort(Comparator.comparing(ObjectSummary::key, ObjectKeys.ORDER));
        return all;
    }

    @Override
    public void delete(String key) {
        primary.delete(key);
        try {
            secondary.delete(key);
        } catch (ObjectStoreException e) {
            throw new ReplicationException("'" + key + "' was deleted from " + primary.describe()
                    + " but deleting it from the secondary " + secondary.describe() + " failed: " + e.getMessage(),
                    key, e);
        }
    }

    private void replicate(StoredObject stored, boolean onlyIfAbsent) {
        String key = stored.key();
        String sha256 = stored.sha256().orElseThrow();
        StoredObject copy;
        try (InputStream in = primary.get(key)) {
            copy = onlyIfAbsent
                    ? secondary.putIfAbsent(key, in, stored.size(), stored.metadata()).object()
                    : secondary.put(key, in, stored.size(), stored.metadata());
        } catch (ObjectStoreException | IOException e) {
            throw new ReplicationException("'" + key + "' is stored in " + primary.describe()
                    + " but copying it to the secondary " + secondary.describe() + " failed: " + e.getMessage(),
                    key, e);
        }
        if (!copy.sha256().orElseThrow().equals(sha256)) {
            // Only possible if the primary's object changed between our write and the read-back.
            throw new ReplicationException("'" + key + "' changed in " + primary.describe()
                    + " while it was copied to the secondary " + secondary.describe() + " (sha256 " + sha256
                    + ", copied " + copy.sha256().orElseThrow() + ")", key, null);
        }
    }
}
