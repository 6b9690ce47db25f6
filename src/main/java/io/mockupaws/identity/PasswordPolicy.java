package io.mockupaws.identity;

import io.mockupaws.platform.web.ApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a password must be (NIST SP 800-63B style: length and a block list, no composition rules): at least 10
 * characters, not one of the 30,000 most common passwords, not the account's email (or its local part). At most 72
 * bytes in UTF-8, because bcrypt ignores anything after that — a longer password would only look stronger.
 */
@Component
public class PasswordPolicy {

    static final int MIN_CHARS = 10;
    static final int MAX_BYTES = 72;
    private static final String LIST = "/identity/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Throws 422 naming {@code field} when the password is not acceptable for the account {@code email}. */
    public void check(String field, String password, String email) {
        String problem = problem(password, email);
        if (problem != null) throw ApiException.invalid(field, problem);
    }

    /** The reason the password is refused, or null when it is acceptable. */
    public String problem(String password, String email) {
        if (password == null || password.isEmpty()) return "is required";
        if (password.codePointCount(0, password.length()) < MIN_CHARS) return "must be at least " + MIN_CHARS + " characters";
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return "must be at most " + MAX_BYTES + " bytes in UTF-8";
        if (password.indexOf('\0') >= 0) return "must not contain NUL characters";
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) return "is one of the most common passwords; choose another";
        if (email != null) {
            String e = email.strip().toLowerCase(Locale.ROOT);
            int at = e.indexOf('@');
            if (lower.equals(e) || (at > 0 && lower.equals(e.substring(0, at)))) return "must not be your email address";
        }
        return null;
    }

    int listSize() {
        return common.size();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) throw new IllegalStateException(LIST + " is missing from the classpath");
            Set<String> set = new HashSet<>(16_384);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!line.isEmpty() && !line.startsWith("#")) set.add(line.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
