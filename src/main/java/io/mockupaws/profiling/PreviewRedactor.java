package io.mockupaws.profiling;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds the short, PII-free preview of a message that is stored with its profile and shown in the UI.
 *
 * <p>Masking happens before truncation, never the other way round: cutting first would leave the head of a
 * value that straddles the cut (half a card number, the first labels of an email) unmasked, because the
 * detector's offsets refer to the full text.
 */
public final class PreviewRedactor {

    /** Preview length used by the product unless configured otherwise. */
    public static final int DEFAULT_MAX_CHARS = 512;

    private PreviewRedactor() {
    }

    /**
     * Replaces every finding by its type's {@link PiiType#mask() mask} and returns at most {@code maxChars}
     * chars of the result. The cut never splits a surrogate pair; it may shorten a trailing mask token,
     * which reveals nothing.
     *
     * @param message  the full message the findings were computed on
     * @param findings non-overlapping findings; order does not matter
     * @param maxChars maximum preview length in UTF-16 chars, {@code >= 0}
     * @throws IllegalArgumentException if {@code maxChars} is negative or the findings do not fit the
     *                                  message (the message itself is never included in the exception)
     */
    public static String preview(String message, List<PiiFinding> findings, int maxChars) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(findings, "findings");
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative: " + maxChars);
        }
        if (findings.isEmpty()) {
            return cut(message, maxChars);
        }
        PiiFinding[] ordered = findings.toArray(new PiiFinding[0]);
        if (!isSortedByStart(ordered)) {
            Arrays.sort(ordered, (a, b) -> Integer.compare(a.start(), b.start()));
        }
        // One char beyond maxChars is produced so cut() can see whether the boundary splits a surrogate pair.
        int limit = maxChars + 1;
        StringBuilder masked = new StringBuilder(Math.min(message.length(), limit) + 16);
        int copied = 0;
        for (PiiFinding finding : ordered) {
            if (finding.end() > message.length()) {
                throw new IllegalArgumentException("Finding " + finding.type().code() + " [" + finding.start()
                        + ", " + finding.end() + ") lies outside a message of " + message.length() + " chars");
            }
            if (finding.start() < copied) {
                // Overlapping input: the previous mask already hides the start, hide the rest too.
                copied = Math.max(copied, finding.end());
                continue;
            }
            int room = limit - masked.length();
            if (finding.start() - copied >= room) {
                break;                      // this finding, and every later one, starts beyond the cut
            }
            masked.append(message, copied, finding.start()).append(finding.type().mask());
            copied = finding.end();
            if (masked.length() >= limit) {
                break;
            }
        }
        int room = limit - masked.length();
        if (room > 0) {
            masked.append(message, copied, Math.min(message.length(), copied + room));
        }
        return cut(masked, maxChars);
    }

    private static boolean isSortedByStart(PiiFinding[] findings) {
        for (int i = 1; i < findings.length; i++) {
            if (findings[i].start() < findings[i - 1].start()) {
                return false;
            }
        }
        return true;
    }

    /** First {@code maxChars} chars, one fewer if the last kept char would be a lone high surrogate. */
    private static String cut(CharSequence text, int maxChars) {
        if (text.length() <= maxChars) {
            return text.toString();
        }
        int end = maxChars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.subSequence(0, end).toString();
    }
}
