package io.mockupaws.identity;

import io.mockupaws.ratelimit.Tier;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of api_keys. Every statement that names a key by id also names its owner: a key is only its owner's. */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = """
            id, name, prefix, scopes, events_per_second, created_at, expires_at, rotated_at, revoked_at, last_used_at,
            CASE WHEN revoked_at IS NOT NULL THEN 'revoked'
                 WHEN expires_at IS NOT NULL AND expires_at <= now() THEN 'expired'
                 ELSE 'active' END AS status""";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ApiKey insert(UUID userId, String name, String prefix, byte[] hash, Collection<Scope> scopes, Integer eventsPerSecond,
                  Instant expiresAt) {
        return jdbc.sql("""
                        INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, events_per_second, expires_at)
                        VALUES (:user, :name, :prefix, :hash, :scopes, :eps, :expires)
                        RETURNING """ + " " + COLUMNS)
                .param("user", userId).param("name", name).param("prefix", prefix).param("hash", hash)
                .param("scopes", scopes.stream().map(Scope::wire).toArray(String[]::new))
                .param("eps", eventsPerSecond, java.sql.Types.INTEGER)
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt), java.sql.Types.TIMESTAMP)
                .query(ApiKeyRepository::map).single();
    }

    long countActive(UUID userId) {
        return jdbc.sql("""
                        SELECT count(*) FROM api_keys
                        WHERE user_id = :user AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""")
                .param("user", userId).query(Long.class).single();
    }

    List<ApiKey> list(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :user ORDER BY created_at, id")
                .param("user", userId).query(ApiKeyRepository::map).list();
    }

    Optional<ApiKey> find(UUID id, UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id AND user_id = :user")
                .param("id", id).param("user", userId).query(ApiKeyRepository::map).optional();
    }

    /** Revokes the key if it is the user's and not revoked yet; empty otherwise. */
    Optional<ApiKey> revoke(UUID id, UUID userId) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = now() WHERE id = :id AND user_id = :user AND revoked_at IS NULL"
                        + " RETURNING " + COLUMNS)
                .param("id", id).param("user", userId).query(ApiKeyRepository::map).optional();
    }

    /** Replaces the secret of the user's live key; the old secret's digest is gone, so it stops working at once. */
    Optional<ApiKey> rotate(UUID id, UUID userId, String prefix, byte[] hash) {
        return jdbc.sql("""
                        UPDATE api_keys SET key_hash = :hash, prefix = :prefix, rotated_at = now()
                        WHERE id = :id AND user_id = :user AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                        RETURNING """ + " " + COLUMNS)
                .param("id", id).param("user", userId).param("prefix", prefix).param("hash", hash)
                .query(ApiKeyRepository::map).optional();
    }

    /** What authenticating with a key needs: the key's state and its owner's, in one indexed lookup. */
    record Holder(UUID keyId, Set<Scope> scopes, Integer eventsPerSecond, Instant expiresAt, Instant revokedAt,
                  Instant lastUsedAt, UUID userId, String email, Role role, Tier tier, boolean userActive) {}

    Optional<Holder> holderOf(byte[] hash) {
        return jdbc.sql("""
                        SELECT k.id, k.scopes, k.events_per_second, k.expires_at, k.revoked_at, k.last_used_at,
                               u.id AS user_id, u.email, u.role, u.tier, u.active
                        FROM api_keys k JOIN users u ON u.id = k.user_id
                        WHERE k.key_hash = :hash""")
                .param("hash", hash)
                .query((rs, n) -> new Holder(rs.getObject("id", UUID.class), scopes(rs),
                        (Integer) rs.getObject("events_per_second"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                        instant(rs, "last_used_at"), rs.getObject("user_id", UUID.class), rs.getString("email"),
                        Role.of(rs.getString("role")), Tier.of(rs.getString("tier")), rs.getBoolean("active")))
                .optional();
    }

    /** Records use, unless already recorded within the last minute (another instance may have done it). */
    void recordUse(UUID keyId) {
        jdbc.sql("""
                        UPDATE api_keys SET last_used_at = now()
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param("id", keyId).update();
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                scopes(rs).stream().sorted().toList(), (Integer) rs.getObject("events_per_second"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "rotated_at"), instant(rs, "revoked_at"),
                instant(rs, "last_used_at"), rs.getString("status"));
    }

    private static Set<Scope> scopes(ResultSet rs) throws SQLException {
        Array a = rs.getArray("scopes");
        return Arrays.stream((String[]) a.getArray()).map(Scope::of).collect(Collectors.toUnmodifiableSet());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
