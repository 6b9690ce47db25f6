package io.mockupaws.ops.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code backups/<id>/metadata.json} says about a backup. It is written last: a backup folder without it is an
 * incomplete backup, never restored and removed by cleanup. It is plain JSON (nothing in it is secret), so
 * listing backups needs no key; the data object's SHA-256 and size in it are checked before anything is restored.
 *
 * @param databaseBytes what was backed up: the database (full), all databases of the cluster (base)
 * @param sha256 of the stored (encrypted) object
 * @param plainSha256 of the decrypted content, checked again after decryption
 * @param startLsn for a full backup, the WAL position of its snapshot; for a base backup, its WAL start point
 * @param startWalFile the first WAL segment a base backup needs (on {@code timeline}); retention keeps every
 *                     archived segment from there on while the backup is kept
 * @param walSegmentBytes the cluster's WAL segment size (base backups), to walk the WAL chain
 * @param rowCounts rows per table ({@code schema.table}) in the dump's snapshot, counted in the same snapshot;
 *                  a restore must find exactly these
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupMetadata(
        int formatVersion,
        UUID id,
        BackupKind kind,
        BackupTrigger trigger,
        Instant startedAt,
        Instant finishedAt,
        String database,
        long databaseBytes,
        String serverVersion,
        String tool,
        String objectKey,
        long sizeBytes,
        String sha256,
        long plainSizeBytes,
        String plainSha256,
        String keyFingerprint,
        String startLsn,
        String endLsn,
        Integer timeline,
        String startWalFile,
        String endWalFile,
        Long walSegmentBytes,
        Map<String, Long> rowCounts) {

    static final int FORMAT_VERSION = 1;

    static String prefix(UUID id) {
        return "backups/" + id + "/";
    }

    static String metadataKey(UUID id) {
        return prefix(id) + "metadata.json";
    }
}
