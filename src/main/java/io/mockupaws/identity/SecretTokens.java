package io.mockupaws.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Random secrets handed to clients (API keys, refresh tokens, password-reset tokens) and the SHA-256 digests the
 * database keeps instead of them. The secrets have 256 bits of entropy, so a plain (unsalted, fast) hash is enough:
 * there is nothing to brute-force.
 */
final class SecretTokens {

    static final int RANDOM_BYTES = 32;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** 32 random bytes need at most 43 base62 digits; every token is padded to that length. */
    static final int BASE62_LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    /** {@code prefix} followed by 43 base62 characters encoding 32 random bytes. */
    static String generate(String prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return prefix + base62(bytes);
    }

    static String base62(byte[] bytes) {
        BigInteger n = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(62);
        char[] out = new char[BASE62_LENGTH];
        for (int i = BASE62_LENGTH - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(base);
            out[i] = BASE62.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(out);
    }

    static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code s} has the shape of a token this class generated with {@code prefix}. */
    static boolean looksLike(String s, String prefix) {
        if (s == null || s.length() != prefix.length() + BASE62_LENGTH || !s.startsWith(prefix)) return false;
        for (int i = prefix.length(); i < s.length(); i++) if (BASE62.indexOf(s.charAt(i)) < 0) return false;
        return true;
    }
}
