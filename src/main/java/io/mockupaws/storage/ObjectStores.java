package io.mockupaws.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stores this installation is configured with, and their lifetime: close it to release S3 connections.
 *
 * <ul>
 *   <li>{@link #primary()}: S3 when {@code MOCKUPAWS_S3_BUCKET} is set, otherwise the filesystem at
 *       {@code <data dir>/objects}.</li>
 *   <li>{@link #secondary()}: the filesystem at {@code MOCKUPAWS_BACKUP_SECONDARY_DIR}, or S3 when
 *       {@code MOCKUPAWS_BACKUP_SECONDARY_BUCKET} is set (with its own {@code _ENDPOINT}, {@code _REGION},
 *       {@code _PREFIX}, {@code _ACCESS_KEY}, {@code _SECRET_KEY}, {@code _PATH_STYLE}; nothing is inherited from the
 *       primary, because a secondary that shares the primary's account or server protects less).</li>
 *   <li>{@link #backup()}: where backups and WAL go: the primary replicated to the secondary, or just the
 *       primary.</li>
 * </ul>
 *
 * Settings that cannot work together (a secondary with both a directory and a bucket, S3 settings without a
 * bucket, a secondary that is the primary) are refused at startup rather than half-applied.
 */
public final class ObjectStores implements AutoCloseable {

    public static final String S3_ENV_PREFIX = "MOCKUPAWS_S3_";
    public static final String SECONDARY_ENV_PREFIX = "MOCKUPAWS_BACKUP_SECONDARY_";
    public static final String SECONDARY_DIR_ENV = SECONDARY_ENV_PREFIX + "DIR";

    private final ObjectStore primary;
    private final Optional<ObjectStore> secondary;
    private final ObjectStore backup;
    private final List<AutoCloseable> owned;

    private ObjectStores(ObjectStore primary, Optional<ObjectStore> secondary, List<AutoCloseable> owned) {
        this.primary = primary;
        this.secondary = secondary;
        this.backup = secondary.<ObjectStore>map(s -> new ReplicatedObjectStore(primary, s)).orElse(primary);
        this.owned = owned;
    }

    /** For code that runs without Spring, such as {@code wal-push} started by PostgreSQL's archive_command. */
    public static ObjectStores fromEnvironment(Map<String, String> env, Path dataDir) {
        return create(dataDir, S3Settings.fromEnvironment(env, S3_ENV_PREFIX), env.get(SECONDARY_DIR_ENV),
                S3Settings.fromEnvironment(env, SECONDARY_ENV_PREFIX));
    }

    /**
     * @param secondaryDir a directory for a filesystem secondary, or null/blank
     */
    public static ObjectStores create(Path dataDir, S3Settings primaryS3, String secondaryDir, S3Settings secondaryS3) {
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            ObjectStore primary = primary(dataDir, primaryS3, owned);
            Optional<ObjectStore> secondary = secondary(secondaryDir, secondaryS3, owned);
            if (secondary.isPresent() && secondary.get().describe().equals(primary.describe())) {
                throw new IllegalArgumentException("the backup secondary (" + SECONDARY_ENV_PREFIX
                        + "*) is the primary store " + primary.describe() + "; a copy in the same place is no copy");
            }
            return new ObjectStores(primary, secondary, owned);
        } catch (RuntimeException e) {
            closeAll(owned, e);
            throw e;
        }
    }

    public ObjectStore primary() {
        return primary;
    }

    public Optional<ObjectStore> secondary() {
        return secondary;
    }

    public ObjectStore backup() {
        return backup;
    }

    @Override
    public void close() {
        RuntimeException failure = new ObjectStoreException("closing the object stores failed");
        closeAll(owned, failure);
        if (failure.getSuppressed().length > 0) throw failure;
    }

    @Override
    public String toString() {
        return "ObjectStores[primary=" + primary.describe() + ", backup=" + backup.describe() + "]";
    }

    private static ObjectStore primary(Path dataDir, S3Settings s3, List<AutoCloseable> owned) {
        if (s3.selectsS3()) return opened(S3ObjectStore.connect(s3, S3_ENV_PREFIX), owned);
        if (s3.anySet()) {
            throw new IllegalArgumentException(s3.setNames(S3_ENV_PREFIX) + " set, but " + S3_ENV_PREFIX
                    + "BUCKET is not: set the bucket to store objects in S3, or unset the others to use "
                    + dataDir.resolve("objects"));
        }
        return new FileSystemObjectStore(dataDir.resolve("objects"));
    }

    private static Optional<ObjectStore> secondary(String dir, S3Settings s3, List<AutoCloseable> owned) {
        boolean hasDir = !S3Settings.isBlank(dir);
        if (hasDir && s3.anySet()) {
            throw new IllegalArgumentException(SECONDARY_DIR_ENV + " and " + s3.setNames(SECONDARY_ENV_PREFIX)
                    + " are both set: the backup secondary is either a directory or an S3 bucket");
        }
        if (hasDir) return Optional.of(new FileSystemObjectStore(Path.of(dir.strip())));
        if (s3.selectsS3()) return Optional.of(opened(S3ObjectStore.connect(s3, SECONDARY_ENV_PREFIX), owned));
        if (s3.anySet()) {
            throw new IllegalArgumentException(s3.setNames(SECONDARY_ENV_PREFIX) + " set, but neither "
                    + SECONDARY_ENV_PREFIX + "BUCKET nor " + SECONDARY_DIR_ENV + " is");
        }
        return Optional.empty();
    }

    private static S3ObjectStore opened(S3ObjectStore store, List<AutoCloseable> owned) {
        owned.add(store);
        return store;
    }

    private static void closeAll(List<AutoCloseable> resources, RuntimeException failure) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }
}
