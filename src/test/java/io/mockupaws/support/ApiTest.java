package io.mockupaws.support;

import io.mockupaws.platform.cache.Caches;
import io.mockupaws.ratelimit.InMemoryRateLimiter;
import io.mockupaws.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Base of HTTP-level tests: the whole application on a random port, on the real embedded PostgreSQL (one server
 * for the test run, in target/test-data, database mockupaws_test), every table emptied before each test — except
 * the audit log, which refuses TRUNCATE by design; tests find their own audit lines by their (fresh) user ids.
 *
 * <p>Each test starts with a signed-in user, {@link #owner}, whose client is {@link #api}; {@link #anonymous} sends
 * no credentials. More users and API keys come from {@link #newUser} and {@link #apiKey}, written straight to the
 * database (a bcrypt round per test would slow the suite down; the sign-in path itself is tested over HTTP).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mockupaws.data-dir=" + ApiTest.DATA_DIR,
        "mockupaws.database.embedded-name=mockupaws_test",
        "mockupaws.database.embedded-fresh=true",
        "mockupaws.scheduling.enabled=false",
        // per-scenario cost series computed at every scrape, so a test sees what it just ingested
        "mockupaws.metrics.scenario-refresh=0s",
        "mockupaws.cors.origins=https://app.example.test"})
public abstract class ApiTest {

    public static final String DATA_DIR = "target/test-data";
    /** The password of every user made by {@link #newUser}. */
    public static final String PASSWORD = "Test-password-of-a-user-42";
    private static final String PASSWORD_HASH = new BCryptPasswordEncoder(12).encode(PASSWORD);
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private RateLimiter rateLimiter;

    @Autowired
    protected Caches caches;

    /** The signed-in user every test starts with (enterprise tier, so ordinary tests never meet a rate limit). */
    protected TestUser owner;
    /** {@link #owner}'s client. */
    protected Api api;
    protected Api anonymous;

    /** A user, signed in: {@code api} sends their access token. */
    public record TestUser(UUID id, String email, UUID sessionId, String accessToken, Api api) {}

    @BeforeEach
    void cleanDatabaseAndConnect() {
        jdbc.sql("""
                TRUNCATE users, api_keys, auth_sessions, refresh_tokens, password_reset_tokens, scenarios, scenario_logs,
                         scenario_metrics, scenario_source_stats, scenario_ingest_totals, query_performance_log CASCADE""").update();
        if (rateLimiter instanceof InMemoryRateLimiter memory) memory.clear();
        // tests write tables directly (and TRUNCATE them): nothing cached by an earlier test may answer for this one
        caches.clearAll();
        anonymous = new Api(port);
        owner = newUser("owner", "user", "enterprise");
        api = owner.api();
    }

    /** A new active user with a session; {@code name} becomes a unique email. */
    protected TestUser newUser(String name, String role, String tier) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID id = jdbc.sql("""
                        INSERT INTO users (email, password_hash, full_name, role, tier) VALUES (:email, :hash, :name, :role, :tier)
                        RETURNING id""")
                .param("email", email).param("hash", PASSWORD_HASH).param("name", name).param("role", role).param("tier", tier)
                .query(UUID.class).single();
        UUID session = jdbc.sql("INSERT INTO auth_sessions (user_id) VALUES (:u) RETURNING id").param("u", id).query(UUID.class).single();
        String token = TestTokens.sign(serverKey(), id, session, Instant.now(), Instant.now().plus(Duration.ofMinutes(30)));
        return new TestUser(id, email, session, token, anonymous.withBearer(token));
    }

    /** A client signed in as a new administrator: for the actuator and the admin endpoints. */
    protected Api adminApi() {
        return newUser("admin", "admin", "enterprise").api();
    }

    protected TestUser newUser(String name) {
        return newUser(name, "user", "enterprise");
    }

    /** A new API key of the user with the given scopes; returns its secret. */
    protected String apiKey(TestUser user, String... scopes) {
        return apiKey(user, null, scopes);
    }

    protected String apiKey(TestUser user, Integer eventsPerSecond, String... scopes) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "mk_" + base62(random);
        jdbc.sql("""
                        INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, events_per_second)
                        VALUES (:u, 'test key', :prefix, :hash, :scopes, :eps)""")
                .param("u", user.id()).param("prefix", secret.substring(0, 11)).param("hash", sha256(secret))
                .param("scopes", scopes).param("eps", eventsPerSecond, java.sql.Types.INTEGER).update();
        return secret;
    }

    protected byte[] serverKey() {
        return TestTokens.serverKey(Path.of(DATA_DIR));
    }

    protected String createScenario(String json) {
        return createScenario(api, json);
    }

    protected String createScenario(Api as, String json) {
        Api.Response r = as.post("/api/v1/scenarios", json);
        if (r.status() != 201) throw new AssertionError("create failed: " + r);
        return r.json().get("id").asString();
    }

    protected String createScenario(String name, String region) {
        return createScenario("{\"name\":\"" + name + "\",\"region\":\"" + region + "\"}");
    }

    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base62(byte[] bytes) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        char[] out = new char[43];
        Arrays.fill(out, '0');
        for (int i = 42; i >= 0 && n.signum() > 0; i--) {
            java.math.BigInteger[] qr = n.divideAndRemainder(java.math.BigInteger.valueOf(62));
            out[i] = alphabet.charAt(qr[1].intValue());
            n = qr[0];
        }
        return new String(out);
    }
}
