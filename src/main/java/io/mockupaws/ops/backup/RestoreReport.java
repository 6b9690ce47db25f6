package io.mockupaws.ops.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a restore did, or with {@code --dry-run} / {@code --verify-only} would do.
 *
 * @param target the database name (logical) or data directory (point in time)
 * @param rowCounts rows per table of the restored database, as validation read them; empty when nothing was restored
 * @param safetyBackup the full backup taken of the database that was replaced
 * @param steps what was checked and done, in order, for the operator
 */
public record RestoreReport(
        BackupMetadata source,
        boolean pointInTime,
        String target,
        Optional<Instant> targetTime,
        boolean restored,
        Map<String, Long> rowCounts,
        String schemaVersion,
        Optional<UUID> safetyBackup,
        Duration elapsed,
        List<String> steps) {

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
