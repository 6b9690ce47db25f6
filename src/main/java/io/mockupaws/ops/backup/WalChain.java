package io.mockupaws.ops.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The archived WAL segments a base backup can replay, checked for gaps before a point-in-time restore: recovery
 * stops at the first missing segment, and everything archived after it is out of reach.
 *
 * @param first the base backup's start segment position (log and segment, 16 hex digits)
 * @param last the newest archived position
 * @param missing positions between them that the archive lacks (at most a few, for the message)
 */
record WalChain(String first, Optional<String> last, List<String> missing, int segments) {

    static WalChain of(List<String> walFileNames, String startWalFile, long segmentBytes) {
        String start = WalPosition.sequenceOf(startWalFile)
                .orElseThrow(() -> new BackupException("invalid start WAL file " + startWalFile));
        long perLog = 0x100000000L / segmentBytes;
        long from = index(start, perLog);
        TreeSet<Long> present = new TreeSet<>();
        for (String name : walFileNames) {
            // A .partial segment is the unfinished end of an old timeline: recovery does not replay it.
            if (name.endsWith(".partial") || name.endsWith(".backup")) continue;
            WalPosition.sequenceOf(name).map(s -> index(s, perLog)).filter(i -> i >= from).ifPresent(present::add);
        }
        if (present.isEmpty()) return new WalChain(start, Optional.empty(), List.of(), 0);
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (long i = from; i <= present.last() && missing.size() < 5; i++) {
            if (present.contains(i)) count++;
            else missing.add(format(i, perLog));
        }
        return new WalChain(start, Optional.of(format(present.last(), perLog)), missing, present.size());
    }

    boolean complete() {
        return missing.isEmpty();
    }

    private static long index(String sequence, long perLog) {
        return Long.parseLong(sequence.substring(0, 8), 16) * perLog + Long.parseLong(sequence.substring(8), 16);
    }

    private static String format(long index, long perLog) {
        return String.format("%08X%08X", index / perLog, index % perLog);
    }
}
