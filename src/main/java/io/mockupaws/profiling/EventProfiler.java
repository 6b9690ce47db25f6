package io.mockupaws.profiling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * Turns one log message into its {@link EventProfile}.
 *
 * <p>This runs once per ingested event, so it is written for throughput: the message is encoded to UTF-8
 * exactly once and those bytes serve both the size and the hash; PII detection is a single pre-scan plus
 * targeted checks; the preview copies at most {@code previewChars} chars.
 *
 * <p>Thread-safe: the detector and token counters are stateless, and each call gets its own
 * {@link MessageDigest} by cloning a prototype (cheaper than a provider lookup, and safe with virtual threads,
 * unlike a per-thread cache).
 */
public final class EventProfiler {

    private static final MessageDigest SHA256_PROTOTYPE = sha256();
    private static final int PII_TYPE_COUNT = PiiType.values().length;

    private final PiiDetector detector;
    private final int previewChars;

    /**
     * @param detector     PII detector to use
     * @param previewChars maximum preview length in chars, usually {@link PreviewRedactor#DEFAULT_MAX_CHARS}
     */
    public EventProfiler(PiiDetector detector, int previewChars) {
        this.detector = Objects.requireNonNull(detector, "detector");
        if (previewChars < 0) {
            throw new IllegalArgumentException("previewChars must not be negative: " + previewChars);
        }
        this.previewChars = previewChars;
    }

    /** Profiles {@code message}, counting tokens with {@code tokens}. */
    public EventProfile profile(String message, TokenCounter tokens) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(tokens, "tokens");
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        byte[] hash = newSha256().digest(utf8);

        List<PiiFinding> findings = detector.find(message);
        int[] piiCounts = new int[PII_TYPE_COUNT];
        for (PiiFinding finding : findings) {
            piiCounts[finding.type().ordinal()]++;
        }

        return new EventProfile(
                utf8.length,
                SqsChunkCounter.blocks(utf8.length),
                tokens.count(message),
                tokens.name(),
                hash,
                PreviewRedactor.preview(message, findings, previewChars),
                message.codePointCount(0, message.length()),
                piiCounts);
    }

    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform is required to provide SHA-256.
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
