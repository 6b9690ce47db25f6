package io.mockupaws.ops.backup;

import java.time.Instant;
import java.util.UUID;

/** One row of backup_history: a backup or restore run, as `backup list` and the admin API show it. */
public record BackupRun(
        UUID id,
        String kind,
        String status,
        String trigger,
        Instant startedAt,
        Instant finishedAt,
        Long sizeBytes,
        String sha256,
        String objectKey,
        String store,
        String serverVersion,
        String startLsn,
        String endLsn,
        String startWalFile,
        String keyFingerprint,
        String error,
        Instant verifiedAt,
        String verifyError,
        Instant deletedAt,
        UUID sourceBackup,
        String target,
        Instant targetTime) {}
