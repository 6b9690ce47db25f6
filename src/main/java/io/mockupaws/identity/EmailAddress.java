package io.mockupaws.identity;

import io.mockupaws.platform.web.ApiException;
import java.util.regex.Pattern;

/**
 * The email addresses accounts are created with: a local part without spaces, '@', and a DNS domain with at least
 * one dot. Deliberately simpler than RFC 5322 (no quoted local parts, no IP literals): what is accepted here is
 * what a mail server will deliver to.
 */
public final class EmailAddress {

    static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private EmailAddress() {}

    /** The address stripped of surrounding spaces; 422 naming {@code field} when it is not an address. */
    static String valid(String field, String raw) {
        if (raw == null || raw.isBlank()) throw ApiException.invalid(field, "is required");
        String s = raw.strip();
        if (s.length() > MAX_LENGTH) throw ApiException.invalid(field, "must be at most " + MAX_LENGTH + " characters");
        if (!isValid(s)) throw ApiException.invalid(field, "must be a valid email address");
        return s;
    }

    /** Whether {@code s} (already stripped) is an address of this shape: also what report schedules mail to. */
    public static boolean isValid(String s) {
        return s != null && s.length() <= MAX_LENGTH && SHAPE.matcher(s).matches() && !s.startsWith(".")
                && !s.contains("..") && !s.contains(".@");
    }
}
