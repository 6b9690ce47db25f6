package io.mockupaws.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic pseudo-random bytes of any length, produced as they are read, so tests can stream objects far
 * larger than they would want to hold, and know their SHA-256 without keeping them.
 */
final class GeneratedContent extends InputStream {

    private final long size;
    private long position;
    private long state;

    GeneratedContent(long size, long seed) {
        this.size = size;
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    static String sha256(long size, long seed) {
        return sha256Of(new GeneratedContent(size, seed));
    }

    static String sha256Of(InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        if (position >= size) return -1;
        position++;
        return (int) (next() & 0xff);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (position >= size) return -1;
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) b[off + i] = (byte) next();
        position += n;
        return n;
    }

    private long next() {
        // xorshift64: cheap, and varied enough that a misplaced or repeated part changes the hash.
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return state >>> 24;
    }
}
