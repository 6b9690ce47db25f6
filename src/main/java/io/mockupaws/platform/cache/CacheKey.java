package io.mockupaws.platform.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A cache key from its parts, joined by {@code |}: readable in Redis for the usual short keys; past 200 characters (a
 * search string, a what-if config, a cursor) the SHA-256 of the joined text instead, so a key stays small whatever a
 * client sends. Distinct parts always make distinct keys: {@code \} and {@code |} inside a part are escaped, and null
 * is {@code \0}, which no escaped text can produce (a search for "-" is not "no search").
 */
public final class CacheKey {

    static final int MAX_READABLE = 200;

    private CacheKey() {}

    public static String of(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) b.append('|');
            if (parts[i] == null) {
                b.append("\\0");
            } else {
                b.append(Objects.toString(parts[i]).replace("\\", "\\\\").replace("|", "\\|"));
            }
        }
        if (b.length() <= MAX_READABLE) return b.toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
