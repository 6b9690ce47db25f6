package io.mockupaws.ops.backup;

import io.mockupaws.storage.ObjectSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What retention removes, decided from the store's contents alone (no I/O here, so every rule is tested directly).
 *
 * <ul>
 *   <li>A backup is kept while it is younger than the retention period. The newest full backup and the newest base
 *       backup are kept whatever their age: retention must never leave nothing to restore (say, after the weekly
 *       base backup failed for a while).</li>
 *   <li>An archived WAL segment is kept while any kept base backup needs it: from the start segment of the oldest
 *       kept base backup on, <em>whatever the segment's age</em>. Deleting WAL by age alone would cut the chain of a
 *       kept base backup that is older than the period and make it unrecoverable past its own end. Segments are
 *       compared by position (log and segment number), on every timeline; timeline history files are always kept
 *       (they are tiny, and recovery needs them to follow a timeline switch).</li>
 *   <li>With no base backup at all, no WAL can be replayed; segments older than the period go.</li>
 *   <li>A backup folder without metadata (a run that crashed between writing its data and its metadata) goes once
 *       its newest object is a day old; an upload still running is invisible in the store until it completes.</li>
 * </ul>
 */
final class RetentionPolicy {

    static final Duration INCOMPLETE_GRACE = Duration.ofDays(1);

    record Plan(List<BackupMetadata> kept, List<BackupMetadata> expired, List<String> expiredWal,
                List<String> incompleteFolders, Optional<String> walKeptFrom) {}

    private RetentionPolicy() {}

    static Plan plan(List<BackupMetadata> backups, List<ObjectSummary> walFiles, Map<String, Instant> incomplete,
                     Instant now, Duration retention) {
        Instant cutoff = now.minus(retention);
        Optional<BackupMetadata> newestFull = newest(backups, BackupKind.FULL);
        Optional<BackupMetadata> newestBase = newest(backups, BackupKind.BASE);
        List<BackupMetadata> kept = new ArrayList<>();
        List<BackupMetadata> expired = new ArrayList<>();
        for (BackupMetadata b : backups) {
            boolean keep = !b.finishedAt().isBefore(cutoff)
                    || newestFull.filter(b::equals).isPresent()
                    || newestBase.filter(b::equals).isPresent();
            (keep ? kept : expired).add(b);
        }
        Optional<String> keptFrom = kept.stream()
                .filter(b -> b.kind() == BackupKind.BASE && b.startWalFile() != null)
                .map(b -> WalPosition.sequenceOf(b.startWalFile()).orElseThrow(() ->
                        new BackupException("base backup " + b.id() + " records an invalid start WAL file " + b.startWalFile())))
                .min(String::compareTo);
        List<String> expiredWal = new ArrayList<>();
        for (ObjectSummary wal : walFiles) {
            String name = wal.key().substring(WalArchive.PREFIX.length());
            Optional<String> sequence = WalPosition.sequenceOf(name);
            if (sequence.isEmpty()) continue; // history files, and anything that is not ours to judge
            boolean needed = keptFrom.isPresent()
                    ? sequence.get().compareTo(keptFrom.get()) >= 0
                    : !wal.lastModified().isBefore(cutoff);
            if (!needed) expiredWal.add(wal.key());
        }
        List<String> stale = incomplete.entrySet().stream()
                .filter(e -> e.getValue().isBefore(now.minus(INCOMPLETE_GRACE)))
                .map(Map.Entry::getKey)
                .toList();
        return new Plan(kept, expired, expiredWal, stale,
                kept.stream().filter(b -> b.kind() == BackupKind.BASE && b.startWalFile() != null)
                        .map(BackupMetadata::startWalFile)
                        .min((a, b) -> WalPosition.sequenceOf(a).orElseThrow().compareTo(WalPosition.sequenceOf(b).orElseThrow())));
    }

    private static Optional<BackupMetadata> newest(List<BackupMetadata> backups, BackupKind kind) {
        return backups.stream().filter(b -> b.kind() == kind)
                .max((a, b) -> a.finishedAt().compareTo(b.finishedAt()));
    }
}
