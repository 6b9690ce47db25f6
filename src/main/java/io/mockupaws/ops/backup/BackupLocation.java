package io.mockupaws.ops.backup;

import io.mockupaws.storage.FileSystemObjectStore;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectStores;
import io.mockupaws.storage.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup store given by URI instead of configuration: {@code file:/dir} or {@code s3://bucket/prefix}, optionally
 * naming one backup ({@code .../backups/<id>}). This is how a restore reads a copy that is not in the configured
 * backup store (the secondary, a bucket of another installation, a folder an operator copied), and how the WAL
 * commands of such a restore find the archive beside it ({@code <root>/wal/}).
 *
 * <p>An S3 URI brings only its bucket and prefix; endpoint, region and credentials are those configured for the
 * store with that bucket (primary or secondary), else the primary's, else AWS's defaults.
 *
 * @param rootUri the store's root, for passing to a command ({@code wal-fetch --store})
 * @param backupId the backup the URI names, if any
 */
public record BackupLocation(ObjectStore store, String rootUri, Optional<UUID> backupId, AutoCloseable resources)
        implements AutoCloseable {

    private static final Pattern BACKUP_FOLDER = Pattern.compile("(.*?)/?backups/([0-9a-fA-F-]{36})(?:/.*)?");

    public static boolean isUri(String reference) {
        return reference.startsWith("file:") || reference.startsWith("s3://");
    }

    /** @param primary,secondary the configured stores' settings, for an S3 URI's endpoint and credentials */
    public static BackupLocation open(String uri, Path dataDir, S3Settings primary, S3Settings secondary) {
        if (uri.startsWith("file:")) {
            String path = uri.startsWith("file://") ? URI.create(uri).getPath() : uri.substring("file:".length());
            Split split = split(path);
            Path root = Path.of(split.root().isEmpty() ? "/" : split.root()).toAbsolutePath().normalize();
            return new BackupLocation(new FileSystemObjectStore(root), "file:" + root, split.backupId(), () -> { });
        }
        if (uri.startsWith("s3://")) {
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            Split split = split(slash < 0 ? "" : rest.substring(slash + 1));
            S3Settings base = bucket.equals(secondary.bucket()) ? secondary : primary.selectsS3() || primary.anySet() ? primary : secondary;
            S3Settings settings = new S3Settings(base.endpoint(), base.region(), bucket,
                    split.root().isEmpty() ? null : split.root(), base.accessKey(), base.secretKey(), base.pathStyle());
            ObjectStores stores = ObjectStores.create(dataDir, settings, null, S3Settings.NONE);
            String root = "s3://" + bucket + (split.root().isEmpty() ? "" : "/" + split.root());
            return new BackupLocation(stores.primary(), root, split.backupId(), stores);
        }
        throw new BackupException("'" + uri + "' is not a store URI: use file:/path or s3://bucket/prefix");
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new BackupException("Closing " + rootUri + " failed: " + e.getMessage(), e);
        }
    }

    private record Split(String root, Optional<UUID> backupId) {}

    private static Split split(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Matcher m = BACKUP_FOLDER.matcher(trimmed);
        if (m.matches()) return new Split(m.group(1), Optional.of(UUID.fromString(m.group(2))));
        return new Split(trimmed, Optional.empty());
    }
}
