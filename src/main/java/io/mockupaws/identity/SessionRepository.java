package io.mockupaws.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of login sessions, their refresh tokens and password-reset tokens. Tokens are stored as SHA-256 digests
 * only: a copy of the database hands out no usable token.
 */
@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID openSession(UUID userId) {
        return jdbc.sql("INSERT INTO auth_sessions (user_id) VALUES (:user) RETURNING id")
                .param("user", userId).query(UUID.class).single();
    }

    void addRefreshToken(UUID sessionId, byte[] hash, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, session_id, expires_at) VALUES (:hash, :session, :expires)")
                .param("hash", hash).param("session", sessionId).param("expires", Timestamp.from(expiresAt)).update();
    }

    record RefreshToken(UUID sessionId, UUID userId, Instant expiresAt, Instant rotatedAt, Instant sessionRevokedAt) {}

    /** The refresh token, row-locked until the transaction ends, so two concurrent refreshes cannot both rotate it. */
    Optional<RefreshToken> lockRefreshToken(byte[] hash) {
        return jdbc.sql("""
                        SELECT t.session_id, s.user_id, t.expires_at, t.rotated_at, s.revoked_at
                        FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id
                        WHERE t.token_hash = :hash
                        FOR UPDATE OF t""")
                .param("hash", hash)
                .query((rs, n) -> new RefreshToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
                .optional();
    }

    void markRotated(byte[] hash) {
        jdbc.sql("UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = :hash").param("hash", hash).update();
    }

    /** Revokes the session (a refresh-token family); returns false when it was already revoked or is not the user's. */
    boolean revokeSession(UUID sessionId, UUID userId, String reason) {
        return jdbc.sql("""
                        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = :reason
                        WHERE id = :id AND user_id = :user AND revoked_at IS NULL""")
                .param("id", sessionId).param("user", userId).param("reason", reason).update() == 1;
    }

    int revokeAllSessions(UUID userId, String reason) {
        return jdbc.sql("""
                        UPDATE auth_sessions SET revoked_at = now(), revoked_reason = :reason
                        WHERE user_id = :user AND revoked_at IS NULL""")
                .param("user", userId).param("reason", reason).update();
    }

    Optional<UUID> sessionOfRefreshToken(byte[] hash) {
        return jdbc.sql("SELECT session_id FROM refresh_tokens WHERE token_hash = :hash").param("hash", hash)
                .query(UUID.class).optional();
    }

    void addResetToken(UUID userId, byte[] hash, Instant expiresAt) {
        jdbc.sql("INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES (:hash, :user, :expires)")
                .param("hash", hash).param("user", userId).param("expires", Timestamp.from(expiresAt)).update();
    }

    record ResetToken(UUID userId, Instant expiresAt, Instant usedAt) {}

    Optional<ResetToken> lockResetToken(byte[] hash) {
        return jdbc.sql("SELECT user_id, expires_at, used_at FROM password_reset_tokens WHERE token_hash = :hash FOR UPDATE")
                .param("hash", hash)
                .query((rs, n) -> new ResetToken(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        instant(rs.getTimestamp(3))))
                .optional();
    }

    void markResetUsed(byte[] hash) {
        jdbc.sql("UPDATE password_reset_tokens SET used_at = now() WHERE token_hash = :hash").param("hash", hash).update();
    }

    /** A new reset link makes the older ones useless: only the latest mail works. */
    void expireResetTokens(UUID userId) {
        jdbc.sql("UPDATE password_reset_tokens SET used_at = now() WHERE user_id = :user AND used_at IS NULL")
                .param("user", userId).update();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
