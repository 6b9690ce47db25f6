package io.mockupaws.storage;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules every store applies to keys, list prefixes and metadata, so that an object written to one adapter can
 * always be written to the other, and no key can name anything outside the store.
 *
 * <p>A key is one or more '/'-separated segments, at most {@value #MAX_KEY_BYTES} UTF-8 bytes (S3's limit). A
 * segment is non-empty, at most {@value #MAX_SEGMENT_BYTES} bytes (file names stop at 255, and the filesystem adapter
 * adds a few characters for its own files), does not start with '.' (that excludes {@code .} and {@code ..}, and
 * leaves dot-names free for the filesystem adapter's temporary and metadata files), and contains no backslash (a
 * separator on Windows) or control character.
 */
public final class ObjectKeys {

    public static final int MAX_KEY_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 200;

    /** S3 caps user metadata at 2 KiB; this leaves room for the SHA-256 the stores add. */
    public static final int MAX_METADATA_BYTES = 1900;

    /** Metadata the stores themselves maintain. */
    static final String SHA256_METADATA = "sha256";

    // S3 lower-cases metadata names and sends values as HTTP headers, so only what survives that round trip.
    private static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern METADATA_VALUE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");

    /** UTF-8 byte order, which is how S3 sorts keys; comparing code points gives the same order. */
    public static final Comparator<String> ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private ObjectKeys() {}

    /** @throws IllegalArgumentException naming the rule the key breaks */
    public static String requireValidKey(String key) {
        String problem = keyProblem(key);
        if (problem != null) throw new IllegalArgumentException("invalid object key " + quote(key) + ": " + problem);
        return key;
    }

    public static boolean isValidKey(String key) {
        return keyProblem(key) == null;
    }

    /**
     * A list prefix is a key, a key followed by '/', a key whose last segment is cut short, or empty.
     *
     * @throws IllegalArgumentException naming the rule the prefix breaks
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) throw new IllegalArgumentException("list prefix must not be null (use \"\" for all)");
        if (prefix.isEmpty()) return prefix;
        String asKey = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        String problem = keyProblem(asKey);
        if (problem != null) throw new IllegalArgumentException("invalid list prefix " + quote(prefix) + ": " + problem);
        return prefix;
    }

    /**
     * Metadata names are lower-case letters, digits and '-', at most 64 characters, not {@code sha256} (the stores
     * record that themselves); values are non-empty printable ASCII without leading or trailing spaces (HTTP trims
     * those, and some S3 servers drop empty headers); all names and values together are at most
     * {@value #MAX_METADATA_BYTES} bytes.
     *
     * @throws IllegalArgumentException naming the offending entry
     */
    public static Map<String, String> requireValidMetadata(Map<String, String> metadata) {
        if (metadata == null) throw new IllegalArgumentException("metadata must not be null (use Map.of())");
        int bytes = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name == null || !METADATA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid metadata name " + quote(name)
                        + ": use 1-64 lower-case letters, digits and '-', starting with a letter or digit");
            }
            if (name.equals(SHA256_METADATA)) {
                throw new IllegalArgumentException("metadata name 'sha256' is reserved: the store records it");
            }
            if (value == null || !METADATA_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("invalid value for metadata " + quote(name)
                        + ": use non-empty printable ASCII without leading or trailing spaces");
            }
            bytes += name.length() + value.length();
        }
        if (bytes > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata is " + bytes + " bytes, more than " + MAX_METADATA_BYTES);
        }
        return metadata;
    }

    private static String keyProblem(String key) {
        if (key == null) return "must not be null";
        if (key.isEmpty()) return "must not be empty";
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return "longer than " + MAX_KEY_BYTES + " UTF-8 bytes";
        }
        if (key.startsWith("/")) return "must be relative (no leading '/')";
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\') return "must not contain '\\' (use '/' between segments)";
            if (Character.isISOControl(c)) return "must not contain control characters";
            if (Character.isSurrogate(c) && !validSurrogatePair(key, i)) return "is not valid Unicode";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) return "must not contain empty segments ('//' or a trailing '/')";
            if (segment.equals(".") || segment.equals("..")) return "must not contain '.' or '..' segments";
            if (segment.startsWith(".")) return "segments must not start with '.'";
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "segments must be at most " + MAX_SEGMENT_BYTES + " UTF-8 bytes";
            }
        }
        return null;
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Quotes a key for a message, making control characters visible instead of letting them garble logs. */
    static String quote(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        int shown = Math.min(s.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (shown < s.length()) b.append("...");
        return b.append('"').toString();
    }
}
