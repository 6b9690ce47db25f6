package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sign-up, sign-in, refresh-token rotation and theft detection, logout and password change, over HTTP. */
class SignInFlowTest extends ApiTest {

    private static final String PASSWORD = "a-long-and-unusual-passphrase";

    private int clients;

    /**
     * Each sign-up comes from its own client address (X-Forwarded-For, believed from the loopback proxy), so that the
     * per-IP limit of five sign-ups a minute does not cut the test short; the rate-limit tests cover that limit.
     */
    private Api.Response register(String email, String password) {
        return anonymous.withHeader("X-Forwarded-For", "192.0.2." + (++clients)).post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"full_name\":\"Ann Example\"}");
    }

    private Api.Response login(String email, String password) {
        return anonymous.post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    private Api.Response refresh(String token) {
        return anonymous.post("/api/v1/auth/refresh", "{\"refresh_token\":\"" + token + "\"}");
    }

    private static void assertInvalid(Api.Response r, String field, String messagePart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("validation-failed");
        assertThat(r.json().at("/errors/0/field").asString()).isEqualTo(field);
        assertThat(r.json().at("/errors/0/message").asString()).contains(messagePart);
    }

    @Test
    void registrationRefusesBadEmailsWeakPasswordsAndDuplicates() {
        assertInvalid(register("not-an-email", PASSWORD), "email", "valid email");
        assertInvalid(register("ann@localhost", PASSWORD), "email", "valid email");
        assertInvalid(register("ann @example.com", PASSWORD), "email", "valid email");
        assertInvalid(register("a".repeat(250) + "@example.com", PASSWORD), "email", "at most 254");
        assertInvalid(register("ann1@example.com", "short9chr"), "password", "at least 10");
        assertInvalid(register("ann2@example.com", "qwertyuiop"), "password", "most common");
        assertInvalid(register("ann3@example.com", "Password123"), "password", "most common");
        assertInvalid(register("ann.example@example.com", "ANN.EXAMPLE@example.com"), "password", "email");
        assertInvalid(register("ann.example@example.com", "ann.example"), "password", "email");
        assertInvalid(register("ann4@example.com", "é".repeat(37)), "password", "72 bytes");
        assertInvalid(anonymous.withHeader("X-Forwarded-For", "198.51.100.1").post("/api/v1/auth/register",
                "{\"email\":\"ann5@example.com\"}"), "password", "required");

        Api.Response created = register("Ann@Example.com", PASSWORD);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("email").asString()).isEqualTo("Ann@Example.com");
        assertThat(created.json().get("role").asString()).isEqualTo("user");
        assertThat(created.json().get("tier").asString()).isEqualTo("free");
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("password_hash");

        Api.Response duplicate = register("ann@EXAMPLE.com", "another-passphrase-here");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("email-taken");
        String hash = jdbc.sql("SELECT password_hash FROM users WHERE lower(email) = 'ann@example.com'").query(String.class).single();
        assertThat(hash).startsWith("$2a$12$");
    }

    @Test
    void wrongPasswordUnknownEmailAndInactiveAccountLookTheSame() {
        register("bob@example.com", PASSWORD);
        register("carol@example.com", PASSWORD);
        jdbc.sql("UPDATE users SET active = false WHERE email = 'carol@example.com'").update();

        Api.Response wrong = login("bob@example.com", "not-the-password");
        Api.Response unknown = login("nobody@example.com", PASSWORD);
        Api.Response inactive = login("carol@example.com", PASSWORD);

        for (Api.Response r : new Api.Response[] {wrong, unknown, inactive}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("invalid-credentials");
            assertThat(r.json().get("detail").asString()).isEqualTo("Email or password is wrong");
        }
    }

    @Test
    void signInMeRefreshRotatesAndReusingASpentRefreshTokenRevokesTheSession() {
        register("dave@example.com", PASSWORD);
        JsonNode first = login("DAVE@example.com", PASSWORD).json();
        assertThat(first.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(first.get("expires_in").asLong()).isEqualTo(1800);
        assertThat(first.get("refresh_expires_in").asLong()).isEqualTo(7 * 24 * 3600);
        Api dave = anonymous.withBearer(first.get("access_token").asString());
        JsonNode me = dave.get("/api/v1/auth/me").json();
        assertThat(me.get("email").asString()).isEqualTo("dave@example.com");
        assertThat(me.get("last_login_at").isNull()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE token_hash = :h")
                .param("h", sha256(first.get("refresh_token").asString())).query(Long.class).single()).isEqualTo(1);

        Api.Response second = refresh(first.get("refresh_token").asString());
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        String rotated = second.json().get("refresh_token").asString();
        assertThat(rotated).isNotEqualTo(first.get("refresh_token").asString());
        Api daveAgain = anonymous.withBearer(second.json().get("access_token").asString());
        assertThat(daveAgain.get("/api/v1/scenarios").status()).isEqualTo(200);

        // the first refresh token is spent: presenting it again means someone holds a copy — the family dies
        Api.Response reuse = refresh(first.get("refresh_token").asString());
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("refresh-token-reused");
        assertThat(refresh(rotated).code()).isEqualTo("invalid-refresh-token");
        assertThat(daveAgain.get("/api/v1/scenarios").code()).isEqualTo("session-ended");
        assertThat(dave.get("/api/v1/scenarios").code()).isEqualTo("session-ended");
        // another session of the same user is not affected
        Api.Response fresh = login("dave@example.com", PASSWORD);
        assertThat(anonymous.withBearer(fresh.json().get("access_token").asString()).get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void malformedAndUnknownRefreshTokensAre401() {
        // five attempts: the sixth from this address within the minute would be rate-limited
        for (String token : new String[] {"", "rt_short", "rt_" + "A".repeat(43), "' OR 1=1 --"}) {
            Api.Response r = refresh(token);
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.code()).isEqualTo("invalid-refresh-token");
        }
        assertThat(anonymous.post("/api/v1/auth/refresh", "{}").code()).isEqualTo("invalid-refresh-token");
    }

    @Test
    void logoutEndsTheSessionAndItsAccessTokens() {
        register("erin@example.com", PASSWORD);
        JsonNode tokens = login("erin@example.com", PASSWORD).json();
        Api erin = anonymous.withBearer(tokens.get("access_token").asString());

        // a refresh token of someone else's session ends nothing of theirs: the caller's own session ends instead
        register("hal@example.com", PASSWORD);
        JsonNode hal = login("hal@example.com", PASSWORD).json();
        assertThat(erin.post("/api/v1/auth/logout", "{\"refresh_token\":\"" + hal.get("refresh_token").asString() + "\"}").status())
                .isEqualTo(204);
        assertThat(anonymous.withBearer(hal.get("access_token").asString()).get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(erin.get("/api/v1/auth/me").code()).isEqualTo("session-ended");
        assertThat(refresh(tokens.get("refresh_token").asString()).code()).isEqualTo("invalid-refresh-token");
        assertThat(anonymous.post("/api/v1/auth/logout").status()).isEqualTo(401);
    }

    @Test
    void changingThePasswordEndsEverySessionAndReturnsANewOne() {
        register("fay@example.com", PASSWORD);
        Api other = anonymous.withBearer(login("fay@example.com", PASSWORD).json().get("access_token").asString());
        Api fay = anonymous.withBearer(login("fay@example.com", PASSWORD).json().get("access_token").asString());

        assertInvalid(fay.post("/api/v1/auth/change-password",
                "{\"current_password\":\"wrong-password-1\",\"new_password\":\"brand-new-passphrase\"}"), "current_password", "not your current");
        assertInvalid(fay.post("/api/v1/auth/change-password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"password12\"}"), "new_password", "most common");
        Api.Response changed = fay.post("/api/v1/auth/change-password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"brand-new-passphrase\"}");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(fay.get("/api/v1/auth/me").code()).isEqualTo("session-ended");
        assertThat(other.get("/api/v1/auth/me").code()).isEqualTo("session-ended");
        assertThat(anonymous.withBearer(changed.json().get("access_token").asString()).get("/api/v1/auth/me").status()).isEqualTo(200);
        assertThat(login("fay@example.com", PASSWORD).status()).isEqualTo(401);
        assertThat(login("fay@example.com", "brand-new-passphrase").status()).isEqualTo(200);
    }

    @Test
    void anApiKeyCannotChangeThePasswordOrLogOut() {
        Api key = anonymous.withApiKey(apiKey(owner, "scenarios:read", "scenarios:write"));
        assertThat(key.post("/api/v1/auth/change-password", "{}").code()).isEqualTo("session-required");
        assertThat(key.post("/api/v1/auth/logout").code()).isEqualTo("session-required");
        assertThat(key.get("/api/v1/auth/me").json().get("id").asString()).isEqualTo(owner.id().toString());
    }

    @Test
    void anAdminDeactivatingAUserEndsTheirSessionsAndKeys() {
        TestUser admin = newUser("admin", "admin", "enterprise");
        String key = apiKey(owner, "scenarios:read");

        Api.Response r = admin.api().patch("/api/v1/admin/users/" + owner.id(), "{\"active\":false}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(anonymous.withApiKey(key).get("/api/v1/scenarios").code()).isEqualTo("invalid-api-key");
        assertThat(admin.api().patch("/api/v1/admin/users/" + admin.id(), "{\"role\":\"user\"}").code())
                .isEqualTo("cannot-change-own-access");
    }
}
