package io.mockupaws.ops.backup;

import io.mockupaws.storage.NoSuchObjectException;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The backups a store holds, as their metadata files describe them. The store, not the history table, is the truth
 * about what can be restored: after the database is lost, its history is gone with it, the store is not.
 */
public final class BackupCatalog {

    private static final Logger log = LoggerFactory.getLogger(BackupCatalog.class);
    static final String BACKUPS = "backups/";
    private static final String METADATA = "metadata.json";

    private final ObjectStore store;

    public BackupCatalog(ObjectStore store) {
        this.store = store;
    }

    public ObjectStore store() {
        return store;
    }

    /** Every complete backup, oldest first. A metadata file that cannot be read is skipped with a warning. */
    public List<BackupMetadata> all() {
        List<BackupMetadata> found = new ArrayList<>();
        for (ObjectSummary o : store.list(BACKUPS)) {
            if (!o.key().endsWith("/" + METADATA)) continue;
            try {
                found.add(read(o.key()));
            } catch (BackupException e) {
                log.warn("Skipping {}: {}", o.key(), e.getMessage());
            }
        }
        found.sort(Comparator.comparing(BackupMetadata::finishedAt).thenComparing(BackupMetadata::id));
        return found;
    }

    /** Backup folders without a metadata file (a run that failed or is still running), with their newest object's time. */
    Map<String, Instant> incomplete() {
        Map<String, Instant> folders = new LinkedHashMap<>();
        Map<String, Boolean> complete = new LinkedHashMap<>();
        for (ObjectSummary o : store.list(BACKUPS)) {
            String rest = o.key().substring(BACKUPS.length());
            int slash = rest.indexOf('/');
            if (slash < 0) continue;
            String folder = BACKUPS + rest.substring(0, slash + 1);
            folders.merge(folder, o.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
            if (rest.substring(slash + 1).equals(METADATA)) complete.put(folder, true);
        }
        folders.keySet().removeAll(complete.keySet());
        return folders;
    }

    public Optional<BackupMetadata> find(UUID id) {
        try {
            return Optional.of(read(BackupMetadata.metadataKey(id)));
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    /**
     * The backup a command names: {@code latest} (of {@code kind}), a full id, or an unambiguous prefix of one.
     *
     * @param kind the kind {@code latest} means; a named backup of another kind is an error too. Empty: any kind.
     */
    public BackupMetadata resolve(String reference, Optional<BackupKind> kind) {
        String ref = reference.strip().toLowerCase(java.util.Locale.ROOT);
        String kindName = kind.map(k -> k.label() + " ").orElse("");
        if (ref.equals("latest")) {
            return all().stream().filter(b -> kind.isEmpty() || b.kind() == kind.get()).reduce((a, b) -> b)
                    .orElseThrow(() -> new BackupException("There is no " + kindName + "backup in " + store.describe()));
        }
        BackupMetadata found;
        if (ref.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            found = find(UUID.fromString(ref)).orElseThrow(() -> new BackupException("There is no complete backup " + ref
                    + " in " + store.describe() + " (no " + BackupMetadata.metadataKey(UUID.fromString(ref)) + ")"));
        } else if (ref.matches("[0-9a-f-]{4,35}")) {
            List<BackupMetadata> matches = all().stream().filter(b -> b.id().toString().startsWith(ref)).toList();
            if (matches.isEmpty()) throw new BackupException("No backup id starts with '" + ref + "' in " + store.describe());
            if (matches.size() > 1) {
                throw new BackupException("'" + ref + "' names " + matches.size() + " backups ("
                        + String.join(", ", matches.stream().map(b -> b.id().toString()).toList()) + "); give more of the id");
            }
            found = matches.getFirst();
        } else {
            throw new BackupException("'" + reference + "' is not a backup id: use 'latest', an id from 'backup list', or its first characters");
        }
        if (kind.isPresent() && found.kind() != kind.get()) {
            throw new BackupException("Backup " + found.id() + " is a " + found.kind().label() + " backup, not a " + kind.get().label()
                    + " backup" + (found.kind() == BackupKind.BASE
                    ? "; restore it with --target-dir DIR (point-in-time recovery into a new data directory)"
                    : "; restore it into a database (without --target-dir)"));
        }
        return found;
    }

    /** Writes the metadata file, which marks the backup complete. */
    void write(BackupMetadata metadata) {
        byte[] json = BackupJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata);
        store.put(BackupMetadata.metadataKey(metadata.id()), new ByteArrayInputStream(json), json.length, Map.of());
    }

    /** Removes a backup folder: the metadata first, so that an interrupted delete leaves an incomplete backup, never a broken one. */
    void delete(String folder) {
        store.delete(folder + METADATA);
        for (ObjectSummary o : store.list(folder)) store.delete(o.key());
    }

    private BackupMetadata read(String key) {
        try (InputStream in = store.get(key)) {
            BackupMetadata m = BackupJson.MAPPER.readValue(in, BackupMetadata.class);
            if (m.id() == null || m.kind() == null || m.objectKey() == null || m.finishedAt() == null) {
                throw new BackupException(key + " is incomplete (no id, kind, object or time)");
            }
            if (!key.equals(BackupMetadata.metadataKey(m.id()))) {
                throw new BackupException(key + " describes backup " + m.id() + ", which belongs elsewhere");
            }
            return m;
        } catch (IOException | JacksonException e) {
            throw new BackupException("Cannot read " + key + " in " + store.describe() + ": " + e.getMessage(), e);
        }
    }
}
