package io.mockupaws.identity;

import io.mockupaws.audit.AuditEvent;
import io.mockupaws.audit.AuditLog;
import io.mockupaws.platform.mail.Mail;
import io.mockupaws.platform.mail.Mailer;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.ratelimit.Tier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up, sign-in and everything around a session: refresh-token rotation with reuse detection, logout,
 * password change, and password reset by mail.
 */
@Service
@ConditionalOnWebApplication
class AuthService {

    static final Duration REFRESH_TTL = Duration.ofDays(7);
    static final Duration RESET_TTL = Duration.ofMinutes(30);
    static final String REFRESH_PREFIX = "rt_";
    static final String RESET_PREFIX = "pr_";
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final UserService userService;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final Mailer mailer;
    private final TransactionTemplate tx;
    private final boolean registrationOpen;
    private final String publicUrl;

    AuthService(UserService userService, UserRepository users, SessionRepository sessions, Passwords passwords,
                PasswordPolicy policy, AccessTokens accessTokens, AuditLog audit, Mailer mailer, TransactionTemplate tx,
                @Value("${mockupaws.registration:open}") String registration,
                @Value("${mockupaws.public-url:}") String publicUrl) {
        this.userService = userService;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.policy = policy;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.mailer = mailer;
        this.tx = tx;
        this.registrationOpen = switch (registration.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "open" -> true;
            case "closed" -> false;
            default -> throw new IllegalArgumentException("MOCKUPAWS_REGISTRATION must be open or closed, not '" + registration + "'");
        };
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    User register(AuthRequests.Register r) {
        if (!registrationOpen) {
            throw ApiException.forbidden("registration-closed", "Sign-up is closed on this server; ask an administrator for an account");
        }
        return userService.create(r.email(), r.password(), r.fullName(), Role.USER, Tier.FREE, null, "sign-up");
    }

    /** 401 {@code invalid-credentials} for an unknown email, a wrong password and a deactivated account alike. */
    AuthRequests.Tokens login(AuthRequests.Login l) {
        String email = l.email() == null ? "" : l.email().strip();
        String password = l.password() == null ? "" : l.password();
        boolean plausible = !email.isEmpty() && email.length() <= EmailAddress.MAX_LENGTH && email.indexOf('\0') < 0
                && password.getBytes(StandardCharsets.UTF_8).length <= PasswordPolicy.MAX_BYTES;
        Optional<UserRepository.Credentials> found = plausible ? users.credentialsByEmail(email) : Optional.empty();
        boolean matches = passwords.matches(plausible ? password : "", found.map(UserRepository.Credentials::passwordHash).orElse(null));
        if (found.isEmpty() || !matches || !found.get().user().active()) {
            String reason = found.isEmpty() ? "unknown-email" : !matches ? "wrong-password" : "inactive";
            audit.record(AuditEvent.failure(null, null, "auth.login", "user",
                    found.map(c -> c.user().id()).orElse(null),
                    Map.of("email", email.length() > 254 ? email.substring(0, 254) : email.replace('\0', ' '), "reason", reason)));
            throw invalidCredentials();
        }
        User user = found.get().user();
        return tx.execute(status -> {
            users.recordLogin(user.id());
            AuthRequests.Tokens tokens = openSession(users.find(user.id()).orElseThrow());
            audit.record(AuditEvent.success(user.id(), null, "auth.login", "user", user.id(), Map.of()));
            return tokens;
        });
    }

    private sealed interface RefreshOutcome permits Rotated, Refused {}

    private record Rotated(AuthRequests.Tokens tokens) implements RefreshOutcome {}

    private record Refused(ApiException problem) implements RefreshOutcome {}

    /**
     * Rotates a refresh token: the presented one is spent, a new one is issued in the same session. Presenting a
     * spent token means two parties hold the family (one of them a thief): the whole session is revoked, which also
     * ends its access tokens. The revocation commits even though the request is refused.
     */
    AuthRequests.Tokens refresh(AuthRequests.Refresh r) {
        String token = r.refreshToken();
        if (!SecretTokens.looksLike(token, REFRESH_PREFIX)) throw invalidRefreshToken();
        byte[] hash = SecretTokens.sha256(token);
        RefreshOutcome outcome = tx.execute(status -> {
            var found = sessions.lockRefreshToken(hash);
            if (found.isEmpty()) return new Refused(invalidRefreshToken());
            var t = found.get();
            if (t.sessionRevokedAt() != null) return new Refused(invalidRefreshToken());
            if (t.rotatedAt() != null) {
                sessions.revokeSession(t.sessionId(), t.userId(), "refresh-token-reused");
                audit.record(AuditEvent.failure(t.userId(), null, "auth.refresh_token_reused", "session", t.sessionId(),
                        Map.of("rotated_at", t.rotatedAt().toString())));
                return new Refused(ApiException.unauthorized("refresh-token-reused",
                        "This refresh token was already used; the session is revoked for safety. Sign in again."));
            }
            if (t.expiresAt().isBefore(Instant.now())) return new Refused(invalidRefreshToken());
            Optional<User> user = users.find(t.userId()).filter(User::active);
            if (user.isEmpty()) return new Refused(invalidRefreshToken());
            sessions.markRotated(hash);
            return new Rotated(issue(user.get(), t.sessionId()));
        });
        return switch (outcome) {
            case Rotated rotated -> rotated.tokens();
            case Refused refused -> throw refused.problem();
        };
    }

    /** Ends the session of the given refresh token (if it is the caller's), else the session the caller signed in with. */
    void logout(Actor actor, AuthRequests.Logout l) {
        if (l != null && SecretTokens.looksLike(l.refreshToken(), REFRESH_PREFIX)) {
            var named = sessions.sessionOfRefreshToken(SecretTokens.sha256(l.refreshToken()));
            // someone else's refresh token names nothing the caller may end: then the caller's own session ends
            if (named.isPresent() && sessions.revokeSession(named.get(), actor.userId(), "logout")) {
                audit.record(actor.audited("auth.logout", "session", named.get()));
                return;
            }
        }
        if (sessions.revokeSession(actor.sessionId(), actor.userId(), "logout")) {
            audit.record(actor.audited("auth.logout", "session", actor.sessionId()));
        }
    }

    /** Every session of the user ends (a stolen session must not survive a password change); a new one is returned. */
    AuthRequests.Tokens changePassword(Actor actor, AuthRequests.ChangePassword c) {
        String hash = users.passwordHash(actor.userId()).orElseThrow();
        String current = c.currentPassword() == null ? "" : c.currentPassword();
        if (current.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES || !passwords.matches(current, hash)) {
            audit.record(AuditEvent.failure(actor.userId(), null, "auth.password_changed", "user", actor.userId(),
                    Map.of("reason", "wrong-current-password")));
            throw ApiException.invalid("current_password", "is not your current password");
        }
        policy.check("new_password", c.newPassword(), actor.email());
        String newHash = passwords.hash(c.newPassword());
        return tx.execute(status -> {
            users.updatePassword(actor.userId(), newHash);
            sessions.revokeAllSessions(actor.userId(), "password-changed");
            audit.record(actor.audited("auth.password_changed", "user", actor.userId()));
            return openSession(users.find(actor.userId()).orElseThrow());
        });
    }

    /**
     * Mails a single-use reset token valid for 30 minutes, when the email has an active account and SMTP is set up.
     * The answer is the same either way (the caller learns nothing about which emails have accounts), and the mail
     * is sent off the request's thread so the response time does not tell either.
     */
    void forgotPassword(AuthRequests.ForgotPassword f) {
        String email = f.email() == null ? "" : f.email().strip();
        if (email.isEmpty() || email.length() > EmailAddress.MAX_LENGTH || email.indexOf('\0') >= 0) {
            throw ApiException.invalid("email", "must be a valid email address");
        }
        Optional<User> user = users.credentialsByEmail(email).map(UserRepository.Credentials::user).filter(User::active);
        if (user.isEmpty() || !mailer.configured()) {
            audit.record(AuditEvent.failure(null, null, "auth.password_reset_requested", "user",
                    user.map(User::id).orElse(null), Map.of("email", email, "reason", user.isEmpty() ? "no-active-account" : "no-smtp")));
            return;
        }
        String token = SecretTokens.generate(RESET_PREFIX);
        UUID id = user.get().id();
        tx.executeWithoutResult(status -> {
            sessions.expireResetTokens(id);
            sessions.addResetToken(id, SecretTokens.sha256(token), Instant.now().plus(RESET_TTL));
            audit.record(AuditEvent.success(id, null, "auth.password_reset_requested", "user", id, Map.of()));
        });
        Mail mail = new Mail(user.get().email(), "Reset your mockupAWS password", resetText(user.get().email(), token));
        Thread.ofVirtual().name("reset-mail").start(() -> {
            try {
                mailer.send(mail);
            } catch (RuntimeException e) {
                log.warn("Password-reset mail for user {} not delivered: {}", id, e.getMessage());
            }
        });
    }

    /** Sets a new password with a reset token; the token is spent and every session of the account ends. */
    void resetPassword(AuthRequests.ResetPassword r) {
        if (!SecretTokens.looksLike(r.token(), RESET_PREFIX)) throw invalidResetToken();
        byte[] hash = SecretTokens.sha256(r.token());
        ApiException refused = tx.execute(status -> {
            var found = sessions.lockResetToken(hash);
            if (found.isEmpty() || found.get().usedAt() != null || found.get().expiresAt().isBefore(Instant.now())) {
                return invalidResetToken();
            }
            Optional<User> user = users.find(found.get().userId()).filter(User::active);
            if (user.isEmpty()) return invalidResetToken();
            // A weak new password is refused without spending the token: the user can try another.
            policy.check("new_password", r.newPassword(), user.get().email());
            users.updatePassword(user.get().id(), passwords.hash(r.newPassword()));
            sessions.markResetUsed(hash);
            sessions.revokeAllSessions(user.get().id(), "password-reset");
            audit.record(AuditEvent.success(user.get().id(), null, "auth.password_reset", "user", user.get().id(), Map.of()));
            return null;
        });
        if (refused != null) throw refused;
    }

    private String resetText(String email, String token) {
        String base = publicUrl.isEmpty() ? "" : publicUrl;
        return """
                Someone (hopefully you) asked to reset the password of the mockupAWS account %s.

                Your reset token, valid for 30 minutes and usable once:

                    %s

                Set a new password with it:

                    curl -X POST %s/api/v1/auth/reset-password -H 'Content-Type: application/json' \\
                      -d '{"token": "%s", "new_password": "<your new password>"}'

                If you did not ask for this, ignore this mail: your password stays as it is.
                """.formatted(email, token, base.isEmpty() ? "<mockupAWS URL>" : base, token);
    }

    private AuthRequests.Tokens openSession(User user) {
        return issue(user, sessions.openSession(user.id()));
    }

    private AuthRequests.Tokens issue(User user, UUID sessionId) {
        String refresh = SecretTokens.generate(REFRESH_PREFIX);
        sessions.addRefreshToken(sessionId, SecretTokens.sha256(refresh), Instant.now().plus(REFRESH_TTL));
        AccessTokens.Issued access = accessTokens.issue(user.id(), sessionId, user.role());
        return new AuthRequests.Tokens(access.token(), "Bearer", AccessTokens.TTL.toSeconds(), refresh,
                REFRESH_TTL.toSeconds(), user);
    }

    private static ApiException invalidCredentials() {
        return ApiException.unauthorized("invalid-credentials", "Email or password is wrong");
    }

    private static ApiException invalidRefreshToken() {
        return ApiException.unauthorized("invalid-refresh-token", "The refresh token is not valid (unknown, expired or revoked); sign in again");
    }

    private static ApiException invalidResetToken() {
        return ApiException.badRequest("invalid-reset-token", "The reset token is not valid (unknown, used or expired); ask for a new one");
    }
}
