package io.mockupaws.ops.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What to restore and where.
 *
 * @param source {@code latest}, a backup id (or its first characters), or a URI ({@code file:/...},
 *               {@code s3://bucket/...}) of a backup folder
 * @param targetTime point-in-time recovery to this time (needs {@code targetDir})
 * @param targetDatabase logical restore into this database instead of the application's own
 * @param targetDir point-in-time recovery into this new data directory
 * @param jobs parallel pg_restore jobs
 * @param dryRun check everything, change nothing
 * @param verifyOnly verify the backup (and for point in time, the WAL chain), restore nothing
 */
public record RestoreRequest(
        String source,
        Optional<Instant> targetTime,
        Optional<String> targetDatabase,
        Optional<Path> targetDir,
        int jobs,
        boolean dryRun,
        boolean verifyOnly) {

    public RestoreRequest {
        if (targetDatabase.isPresent() && targetDir.isPresent()) {
            throw new BackupException("--target-db and --target-dir exclude each other: a logical restore goes into a "
                    + "database, a point-in-time restore into a new data directory");
        }
        if (targetTime.isPresent() && targetDir.isEmpty()) {
            throw new BackupException("--target-time needs --target-dir: point-in-time recovery builds a new data directory "
                    + "from a base backup and WAL, and never replaces the running database");
        }
        if (jobs < 1 || jobs > 64) throw new BackupException("--jobs must be between 1 and 64");
    }

    public boolean pointInTime() {
        return targetDir.isPresent();
    }
}
