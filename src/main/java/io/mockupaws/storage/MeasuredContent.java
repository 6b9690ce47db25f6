package io.mockupaws.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A caller's content stream as a store consumes it: counted, hashed with SHA-256 on the way through, and held to
 * its declared length, so the hash a store records is always the hash of exactly the bytes it stored.
 */
final class MeasuredContent {

    private final String key;
    private final InputStream in;
    private final long declaredLength;
    private final MessageDigest sha256 = newSha256();
    private long size;
    private boolean ended;
    private int peeked = -1;
    private String hex;

    MeasuredContent(String key, InputStream in, long declaredLength) {
        if (in == null) throw new IllegalArgumentException("content for '" + key + "' must not be null");
        if (declaredLength < ObjectStore.UNKNOWN_LENGTH) {
            throw new IllegalArgumentException("length of '" + key + "' must be >= 0, or -1 when unknown");
        }
        this.key = key;
        this.in = in;
        this.declaredLength = declaredLength;
    }

    long declaredLength() {
        return declaredLength;
    }

    /** Reads up to {@code len} bytes into {@code b}; -1 once the content is over. */
    int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (peeked >= 0) {
            b[off] = (byte) peeked;
            peeked = -1;
            return 1;
        }
        return readSource(b, off, len);
    }

    /** Fills {@code b[off, off+len)} as far as the content goes; returns how many bytes it put there. */
    int fill(byte[] b, int off, int len) {
        int filled = 0;
        while (filled < len) {
            int n = read(b, off + filled, len - filled);
            if (n < 0) break;
            filled += n;
        }
        return filled;
    }

    /** Whether the content is over; may read one byte ahead, which the next {@link #read} returns. */
    boolean atEnd() {
        if (peeked >= 0) return false;
        if (ended) return true;
        byte[] one = new byte[1];
        if (readSource(one, 0, 1) < 0) return true;
        peeked = one[0] & 0xff;
        return false;
    }

    /** Reads what is left without keeping it; for content that turns out not to be needed. */
    void drain() {
        byte[] scratch = new byte[64 * 1024];
        while (read(scratch, 0, scratch.length) >= 0) {
            // only the count and the hash matter
        }
    }

    long size() {
        return size;
    }

    /** The SHA-256 of the whole content, in lowercase hex; the content must have been read to its end. */
    String sha256() {
        if (!atEnd()) throw new IllegalStateException("content of '" + key + "' has not been read to its end");
        if (hex == null) hex = HexFormat.of().formatHex(sha256.digest());
        return hex;
    }

    static String sha256Of(String key, InputStream in) {
        MeasuredContent content = new MeasuredContent(key, in, ObjectStore.UNKNOWN_LENGTH);
        content.drain();
        return content.sha256();
    }

    private int readSource(byte[] b, int off, int len) {
        if (ended) return -1;
        try {
            if (declaredLength >= 0 && size == declaredLength) {
                // The declared length is reached; the source must be over too, or it is not the content we were told.
                if (in.read() >= 0) {
                    throw new ObjectStoreException("content for '" + key + "' is longer than its declared length of "
                            + declaredLength + " bytes; nothing was stored");
                }
                ended = true;
                return -1;
            }
            int want = declaredLength >= 0 ? (int) Math.min(len, declaredLength - size) : len;
            int n = in.read(b, off, want);
            if (n < 0) {
                if (declaredLength >= 0) {
                    throw new ObjectStoreException("content for '" + key + "' ended after " + size
                            + " bytes but its declared length is " + declaredLength + "; nothing was stored");
                }
                ended = true;
                return -1;
            }
            sha256.update(b, off, n);
            size += n;
            return n;
        } catch (IOException e) {
            throw new ObjectStoreException("reading the content for '" + key + "' failed after " + size
                    + " bytes; nothing was stored: " + e.getMessage(), e);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
