package io.mockupaws.identity;

import io.mockupaws.ratelimit.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of users. Emails are matched case-insensitively (the unique index is on lower(email)). */
@Repository
class UserRepository {

    static final String COLUMNS = "id, email, full_name, role, tier, active, created_at, last_login_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} when the email is taken (in any letter case). */
    User insert(String email, String passwordHash, String fullName, Role role, Tier tier) {
        return jdbc.sql("""
                        INSERT INTO users (email, password_hash, full_name, role, tier)
                        VALUES (:email, :hash, :name, :role, :tier)
                        RETURNING """ + " " + COLUMNS)
                .param("email", email).param("hash", passwordHash).param("name", fullName)
                .param("role", role.wire()).param("tier", tier.wire())
                .query(UserRepository::map).single();
    }

    Optional<User> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id").param("id", id).query(UserRepository::map).optional();
    }

    record Credentials(User user, String passwordHash) {}

    Optional<Credentials> credentialsByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(email) = lower(:email)")
                .param("email", email)
                .query((rs, n) -> new Credentials(map(rs, n), rs.getString("password_hash"))).optional();
    }

    Optional<String> passwordHash(UUID id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = :id").param("id", id).query(String.class).optional();
    }

    void updatePassword(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = now() WHERE id = :id")
                .param("id", id).param("hash", passwordHash).update();
    }

    void recordLogin(UUID id) {
        jdbc.sql("UPDATE users SET last_login_at = now() WHERE id = :id").param("id", id).update();
    }

    /** The user of an open login session, if both the user is active and the session is not revoked. */
    Optional<User> activeInSession(UUID userId, UUID sessionId) {
        return jdbc.sql("""
                        SELECT u.id, u.email, u.full_name, u.role, u.tier, u.active, u.created_at, u.last_login_at
                        FROM users u JOIN auth_sessions s ON s.user_id = u.id
                        WHERE u.id = :user AND s.id = :session AND s.revoked_at IS NULL AND u.active""")
                .param("user", userId).param("session", sessionId)
                .query(UserRepository::map).optional();
    }

    /** Changes what is given (null keeps the value); empty when there is no such user. */
    Optional<User> update(UUID id, Role role, Tier tier, Boolean active) {
        return jdbc.sql("""
                        UPDATE users SET role = COALESCE(:role, role), tier = COALESCE(:tier, tier),
                                         active = COALESCE(:active, active), updated_at = now()
                        WHERE id = :id
                        RETURNING """ + " " + COLUMNS)
                .param("id", id)
                .param("role", role == null ? null : role.wire(), java.sql.Types.VARCHAR)
                .param("tier", tier == null ? null : tier.wire(), java.sql.Types.VARCHAR)
                .param("active", active, java.sql.Types.BOOLEAN)
                .query(UserRepository::map).optional();
    }

    List<User> list(String email, int page, int pageSize) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE (CAST(:email AS text) IS NULL OR lower(email) = lower(:email))"
                        + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .param("email", email, java.sql.Types.VARCHAR)
                .param("limit", pageSize).param("offset", (long) (page - 1) * pageSize)
                .query(UserRepository::map).list();
    }

    long count(String email) {
        return jdbc.sql("SELECT count(*) FROM users WHERE (CAST(:email AS text) IS NULL OR lower(email) = lower(:email))")
                .param("email", email, java.sql.Types.VARCHAR).query(Long.class).single();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_login_at");
        return new User(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
                Role.of(rs.getString("role")), Tier.of(rs.getString("tier")), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(), last == null ? null : last.toInstant());
    }
}
