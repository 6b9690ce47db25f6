package io.mockupaws.profiling;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the cost model needs to know about one log event, without the event itself.
 *
 * <p>The raw message is deliberately absent: only sizes, counts, a hash (for de-duplication) and a redacted
 * preview are kept, so profiles can be stored and shown without becoming a second copy of the logs' PII.
 * Array components are defensively copied in and out, because a record's value must not change under it.
 *
 * @param sizeBytes   UTF-8 byte length of the message (what AWS bills for ingestion and transfer)
 * @param sqsBlocks   64 KiB SQS billing blocks the message occupies, at least 1
 * @param tokenCount  tokens under {@code tokenizer}
 * @param tokenizer   name of the tokenizer that produced {@code tokenCount}
 * @param messageHash SHA-256 of the UTF-8 bytes, 32 bytes
 * @param preview     redacted, length-limited preview
 * @param charCount   Unicode code points in the message
 * @param piiCounts   number of findings per {@link PiiType}, indexed by {@link PiiType#ordinal()}
 */
public record EventProfile(int sizeBytes, int sqsBlocks, int tokenCount, String tokenizer, byte[] messageHash,
                           String preview, int charCount, int[] piiCounts) {

    private static final PiiType[] TYPES = PiiType.values();

    /** Validates the shapes the rest of the product relies on and copies the arrays in. */
    public EventProfile {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(messageHash, "messageHash");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(piiCounts, "piiCounts");
        if (messageHash.length != 32) {
            throw new IllegalArgumentException("messageHash must be a 32-byte SHA-256, got " + messageHash.length);
        }
        if (piiCounts.length != TYPES.length) {
            throw new IllegalArgumentException("piiCounts must have one entry per PiiType (" + TYPES.length
                    + "), got " + piiCounts.length);
        }
        messageHash = messageHash.clone();
        piiCounts = piiCounts.clone();
    }

    /** A copy of the 32-byte SHA-256, so callers cannot change this profile. */
    @Override
    public byte[] messageHash() {
        return messageHash.clone();
    }

    /** A copy of the per-type counts, indexed by {@link PiiType#ordinal()}. */
    @Override
    public int[] piiCounts() {
        return piiCounts.clone();
    }

    /** Findings of one type. */
    public int piiCount(PiiType type) {
        return piiCounts[type.ordinal()];
    }

    /** Whether any PII was found. */
    public boolean hasPii() {
        for (int count : piiCounts) {
            if (count > 0) {
                return true;
            }
        }
        return false;
    }

    /** The types with at least one finding. */
    public Set<PiiType> piiTypes() {
        Set<PiiType> types = EnumSet.noneOf(PiiType.class);
        for (PiiType type : TYPES) {
            if (piiCounts[type.ordinal()] > 0) {
                types.add(type);
            }
        }
        return types;
    }

    /** Lowercase hex of {@link #messageHash()}, the form used in APIs and storage keys. */
    public String messageHashHex() {
        return HexFormat.of().formatHex(messageHash);
    }

    // Records compare arrays by identity; a value type must compare them by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof EventProfile other
                && sizeBytes == other.sizeBytes
                && sqsBlocks == other.sqsBlocks
                && tokenCount == other.tokenCount
                && charCount == other.charCount
                && tokenizer.equals(other.tokenizer)
                && preview.equals(other.preview)
                && Arrays.equals(messageHash, other.messageHash)
                && Arrays.equals(piiCounts, other.piiCounts);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(sizeBytes, sqsBlocks, tokenCount, tokenizer, preview, charCount);
        h = 31 * h + Arrays.hashCode(messageHash);
        return 31 * h + Arrays.hashCode(piiCounts);
    }

    @Override
    public String toString() {
        StringBuilder pii = new StringBuilder("{");
        for (PiiType type : TYPES) {
            if (piiCounts[type.ordinal()] > 0) {
                pii.append(pii.length() > 1 ? ", " : "").append(type.code()).append('=').append(piiCounts[type.ordinal()]);
            }
        }
        // The preview is already redacted, so it is safe to include.
        return "EventProfile[sizeBytes=" + sizeBytes + ", sqsBlocks=" + sqsBlocks + ", tokenCount=" + tokenCount
                + ", tokenizer=" + tokenizer + ", messageHash=" + messageHashHex() + ", charCount=" + charCount
                + ", pii=" + pii.append('}') + ", preview=" + preview + "]";
    }
}
