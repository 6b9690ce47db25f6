package io.mockupaws.identity;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** bcrypt with cost 12 (about a quarter second per hash here: slow for an attacker's guesses, fine for a login). */
@Component
class Passwords {

    static final int COST = 12;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(COST);
    private volatile String dummyHash;

    String hash(String password) {
        return bcrypt.encode(password);
    }

    /**
     * Whether the password matches the stored hash. Without an account ({@code hash} null) or with an unusable hash
     * (the system account), a dummy hash is checked anyway so that the answer takes as long as for a real account:
     * the response time must not tell which emails have accounts.
     */
    boolean matches(String password, String hash) {
        if (hash == null || !hash.startsWith("$2")) {
            bcrypt.matches(password, dummy());
            return false;
        }
        return bcrypt.matches(password, hash);
    }

    private String dummy() {
        String d = dummyHash;
        if (d == null) dummyHash = d = bcrypt.encode("not-a-real-password-" + System.nanoTime());
        return d;
    }
}
