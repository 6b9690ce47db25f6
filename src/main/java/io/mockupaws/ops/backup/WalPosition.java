package io.mockupaws.ops.backup;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WAL locations and segment file names, as PostgreSQL writes them: an LSN is {@code XXXXXXXX/XXXXXXXX} (hex, high
 * and low 32 bits); a segment file is 24 hex digits: timeline, then the LSN's high 32 bits, then its low 32 bits
 * divided by the segment size.
 */
final class WalPosition {

    private static final Pattern LSN = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");
    /** A segment, possibly with a suffix: {@code .partial}, {@code .00000028.backup}. */
    private static final Pattern SEGMENT = Pattern.compile("([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})(\\.partial|\\.[0-9A-F]{8}\\.backup)?");
    private static final Pattern HISTORY = Pattern.compile("[0-9A-F]{8}\\.history");

    private WalPosition() {}

    static long parseLsn(String lsn) {
        Matcher m = LSN.matcher(lsn.strip());
        if (!m.matches()) throw new IllegalArgumentException("not a WAL location: " + lsn);
        return (Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16);
    }

    static String formatLsn(long lsn) {
        return String.format(Locale.ROOT, "%X/%X", lsn >>> 32, lsn & 0xffffffffL);
    }

    /** The segment file that holds {@code lsn} (what {@code pg_walfile_name} answers on that timeline). */
    static String segmentFile(int timeline, long lsn, long segmentBytes) {
        long segmentsPerXlogId = 0x100000000L / segmentBytes;
        long segmentNo = Long.divideUnsigned(lsn, segmentBytes);
        return String.format(Locale.ROOT, "%08X%08X%08X", timeline, segmentNo / segmentsPerXlogId, segmentNo % segmentsPerXlogId);
    }

    /**
     * The position of an archived WAL file in the WAL sequence, comparable across timelines: log and segment
     * number (16 hex digits). Empty for files that are not segments ({@code .history}).
     */
    static java.util.Optional<String> sequenceOf(String walFileName) {
        Matcher m = SEGMENT.matcher(walFileName);
        return m.matches() ? java.util.Optional.of(m.group(2) + m.group(3)) : java.util.Optional.empty();
    }

    static boolean isHistoryFile(String walFileName) {
        return HISTORY.matcher(walFileName).matches();
    }

    /** Whether the name is something PostgreSQL archives: a segment (with optional suffix) or a timeline history. */
    static boolean isWalFileName(String name) {
        return SEGMENT.matcher(name).matches() || isHistoryFile(name);
    }
}
