package io.mockupaws.profiling;

import java.util.Objects;

/**
 * One detected PII value, located by UTF-16 char offsets into the scanned text.
 *
 * <p>Only the location is kept, never the value itself, so a finding can be logged or stored without
 * leaking the data it points at.
 *
 * @param type  what was found
 * @param start offset of the first char (inclusive)
 * @param end   offset after the last char (exclusive)
 */
public record PiiFinding(PiiType type, int start, int end) {

    public PiiFinding {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("Invalid finding range [" + start + ", " + end + ")");
        }
    }

    /** Length of the finding in chars. */
    public int length() {
        return end - start;
    }

    /** Whether this finding and {@code other} share at least one char. */
    public boolean overlaps(PiiFinding other) {
        return start < other.end && other.start < end;
    }
}
