package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every access token that is not a current, HS256-signed token of an open session is refused with 401. */
class AccessTokenRejectionTest extends ApiTest {

    private Api.Response with(String token) {
        return anonymous.withBearer(token).get("/api/v1/scenarios");
    }

    private static void assertUnauthorized(Api.Response r, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aValidTokenIsAcceptedSoTheRefusalsBelowMeanSomething() {
        assertThat(with(owner.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void expiredTokenIs401TokenExpired() {
        String token = TestTokens.sign(serverKey(), owner.id(), owner.sessionId(),
                Instant.now().minus(Duration.ofHours(1)), Instant.now().minus(Duration.ofMinutes(10)));
        assertUnauthorized(with(token), "token-expired");
    }

    @Test
    void tamperedPayloadIs401() {
        String[] parts = owner.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(owner.id().toString(), newUser("victim").id().toString());
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertUnauthorized(with(tampered), "invalid-token");
    }

    @Test
    void algNoneIs401() {
        JWTClaimsSet claims = claims(owner.id(), owner.sessionId()).build();
        assertUnauthorized(with(new PlainJWT(claims).serialize()), "invalid-token");
        // the same, with the signature part of a real token kept
        String[] parts = owner.accessToken().split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        assertUnauthorized(with(noneHeader + "." + parts[1] + "." + parts[2]), "invalid-token");
        assertUnauthorized(with(noneHeader + "." + parts[1] + "."), "invalid-token");
    }

    @Test
    void wronglySignedIs401() throws Exception {
        byte[] otherKey = "another-key-that-is-long-enough-for-hs256!".getBytes(StandardCharsets.UTF_8);
        assertUnauthorized(with(TestTokens.sign(otherKey, owner.id(), owner.sessionId(), Instant.now(),
                Instant.now().plusSeconds(600))), "invalid-token");
        // the right key but another HMAC algorithm
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims(owner.id(), owner.sessionId()).build());
        byte[] key = serverKey();
        hs512.sign(new MACSigner(key));
        assertUnauthorized(with(hs512.serialize()), "invalid-token");
    }

    @Test
    void missingExpirySessionOrWrongIssuerIs401() throws Exception {
        assertUnauthorized(with(signed(claims(owner.id(), owner.sessionId()).expirationTime(null).build())), "invalid-token");
        assertUnauthorized(with(signed(claims(owner.id(), owner.sessionId()).claim("sid", null).build())), "invalid-token");
        assertUnauthorized(with(signed(claims(owner.id(), owner.sessionId()).issuer("someone-else").build())), "invalid-token");
        assertUnauthorized(with(signed(claims(owner.id(), owner.sessionId()).subject("not-a-uuid").build())), "invalid-token");
    }

    @Test
    void aValidSignatureOnAnUnknownOrRevokedSessionIs401() {
        assertUnauthorized(with(TestTokens.sign(serverKey(), owner.id(), UUID.randomUUID(), Instant.now(),
                Instant.now().plusSeconds(600))), "session-ended");
        jdbc.sql("UPDATE auth_sessions SET revoked_at = now() WHERE id = :s").param("s", owner.sessionId()).update();
        assertUnauthorized(with(owner.accessToken()), "session-ended");
    }

    @Test
    void aDeactivatedUsersTokenIs401() {
        jdbc.sql("UPDATE users SET active = false WHERE id = :u").param("u", owner.id()).update();
        assertUnauthorized(with(owner.accessToken()), "session-ended");
    }

    @Test
    void garbageAndUnsupportedSchemesAre401() {
        for (String token : new String[] {"x", "a.b.c", "eyJ.eyJ.sig", "ey" + "A".repeat(4000)}) {
            assertUnauthorized(with(token), "invalid-token");
        }
        Api.Response digest = anonymous.withHeader("Authorization", "Digest username=x").get("/api/v1/scenarios");
        assertUnauthorized(digest, "unsupported-authorization");
        Api.Response two = anonymous.withBearer(owner.accessToken()).withApiKey(apiKey(owner, "scenarios:read"))
                .get("/api/v1/scenarios");
        assertUnauthorized(two, "ambiguous-credentials");
    }

    @Test
    void anInvalidTokenIsRefusedEvenOnAPublicEndpoint() {
        assertThat(anonymous.get("/api/v1/health").status()).isEqualTo(200);
        assertUnauthorized(anonymous.withBearer("nonsense").get("/api/v1/health"), "invalid-token");
    }

    private static JWTClaimsSet.Builder claims(UUID user, UUID session) {
        return new JWTClaimsSet.Builder().issuer("mockupaws").subject(user.toString()).claim("sid", session.toString())
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(serverKey()));
        return jwt.serialize();
    }
}
