package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.storage.ObjectSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-24T05:00:00Z");
    static final Duration WEEK = Duration.ofDays(7);

    @Test
    void backupsOlderThanThePeriodGoButTheNewestOfEachKindStays() {
        BackupMetadata oldFull = full(20);
        BackupMetadata newestFull = full(10);
        BackupMetadata recentBase = base(3, "000000010000000000000040");
        BackupMetadata oldBase = base(15, "000000010000000000000010");

        var plan = RetentionPolicy.plan(List.of(oldFull, oldBase, newestFull, recentBase), List.of(), Map.of(), NOW, WEEK);

        assertThat(plan.kept()).containsExactlyInAnyOrder(newestFull, recentBase);
        assertThat(plan.expired()).containsExactlyInAnyOrder(oldFull, oldBase);
    }

    /**
     * The case time-based WAL deletion gets wrong: the only base backup is older than the retention period (say the
     * weekly base backups have been failing). It is kept, and so must be every segment from its start on, although
     * they are all older than the period; only what precedes it may go.
     */
    @Test
    void walThatAKeptBaseBackupNeedsIsKeptHoweverOldItIs() {
        BackupMetadata base = base(12, "000000010000000000000010");
        List<ObjectSummary> wal = new ArrayList<>();
        for (int i = 0x0E; i <= 0x30; i++) wal.add(segment(i, 13 - (i - 0x0E) / 4.0));
        wal.add(new ObjectSummary("wal/00000002.history", 10, NOW.minus(Duration.ofDays(30))));
        wal.add(new ObjectSummary("wal/000000010000000000000010.00000028.backup", 300, NOW.minus(Duration.ofDays(12))));

        var plan = RetentionPolicy.plan(List.of(base), wal, Map.of(), NOW, WEEK);

        assertThat(plan.kept()).containsExactly(base);
        assertThat(plan.expiredWal()).containsExactly("wal/00000001000000000000000E", "wal/00000001000000000000000F");
        assertThat(plan.walKeptFrom()).contains("000000010000000000000010");
    }

    @Test
    void theOldestKeptBaseBackupDecidesAndSegmentsOnEveryTimelineAreCompared() {
        BackupMetadata older = base(5, "000000010000000000000020");
        BackupMetadata newer = base(1, "000000020000000000000050");
        List<ObjectSummary> wal = List.of(segment(0x1F, 6), segment(0x20, 5),
                new ObjectSummary("wal/00000002000000000000001F", 1, NOW), segment(0x60, 0));

        var plan = RetentionPolicy.plan(List.of(older, newer), wal, Map.of(), NOW, WEEK);

        assertThat(plan.expiredWal()).containsExactlyInAnyOrder("wal/00000001000000000000001F", "wal/00000002000000000000001F");
    }

    @Test
    void withoutAnyBaseBackupNoWalCanBeReplayedAndOldSegmentsGo() {
        var plan = RetentionPolicy.plan(List.of(full(1)), List.of(segment(1, 9), segment(2, 2)), Map.of(), NOW, WEEK);

        assertThat(plan.expiredWal()).containsExactly("wal/000000010000000000000001");
    }

    @Test
    void anIncompleteBackupGoesOnceItIsADayOld() {
        var plan = RetentionPolicy.plan(List.of(), List.of(),
                Map.of("backups/a/", NOW.minus(Duration.ofHours(30)), "backups/b/", NOW.minus(Duration.ofHours(2))), NOW, WEEK);

        assertThat(plan.incompleteFolders()).containsExactly("backups/a/");
    }

    static ObjectSummary segment(int number, double daysAgo) {
        return new ObjectSummary(String.format("wal/0000000100000000%08X", number), 16 << 20,
                NOW.minus(Duration.ofMinutes((long) (daysAgo * 24 * 60))));
    }

    static BackupMetadata full(int daysAgo) {
        return metadata(BackupKind.FULL, daysAgo, null);
    }

    static BackupMetadata base(int daysAgo, String startWalFile) {
        return metadata(BackupKind.BASE, daysAgo, startWalFile);
    }

    static BackupMetadata metadata(BackupKind kind, int daysAgo, String startWalFile) {
        Instant at = NOW.minus(Duration.ofDays(daysAgo));
        UUID id = BackupIds.next(at);
        return new BackupMetadata(1, id, kind, BackupTrigger.SCHEDULED, at.minusSeconds(60), at, "mockupaws", 1000, "15.19",
                "pg_dump", BackupMetadata.prefix(id) + kind.objectName(), 100, "0".repeat(64), 90, "1".repeat(64),
                "00112233aabbccdd", "0/1000000", "0/2000000", startWalFile == null ? null : 1, startWalFile, startWalFile,
                16L << 20, null);
    }
}
