package io.mockupaws.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens: HS256 JWTs through Nimbus (via Spring Security), valid 30 minutes. Besides the user ({@code sub})
 * a token names its login session ({@code sid}): every request checks that the session is still open, so logout,
 * a password change or a detected refresh-token theft ends the session's access tokens at once, not 30 minutes later.
 *
 * <p>The decoder accepts HS256 only: {@code alg: none}, another algorithm, a wrong signature, a wrong issuer or
 * an expired token are all refused.
 */
final class AccessTokens {

    static final Duration TTL = Duration.ofMinutes(30);
    static final String ISSUER = "mockupaws";
    /** Clocks of instances sharing a key may drift a little; not more than this. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final NimbusJwtEncoder encoder;
    private final NimbusJwtDecoder decoder;

    AccessTokens(byte[] key) {
        SecretKey secret = new SecretKeySpec(key, "HmacSHA256");
        this.encoder = NimbusJwtEncoder.withSecretKey(secret).algorithm(MacAlgorithm.HS256).build();
        this.decoder = NimbusJwtDecoder.withSecretKey(secret).macAlgorithm(MacAlgorithm.HS256).build();
        this.decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(ISSUER),
                // the timestamp validator checks exp only when present: a token without one would never expire
                jwt -> jwt.getSubject() != null && jwt.getClaimAsString("sid") != null && jwt.getExpiresAt() != null
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "sub, sid and exp are required", null))));
    }

    static AccessTokens fromEnvironment(Environment env) {
        boolean embedded = env.getProperty("mockupaws.database.embedded", Boolean.class, false);
        return new AccessTokens(JwtSecret.resolve(env.getProperty("mockupaws.jwt.secret", ""), embedded,
                Path.of(env.getProperty("mockupaws.data-dir", "./data"))));
    }

    record Issued(String token, Instant expiresAt) {}

    record Claims(UUID userId, UUID sessionId) {}

    Issued issue(UUID userId, UUID sessionId, Role role) {
        Instant now = Instant.now();
        Instant expires = now.plus(TTL);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER).subject(userId.toString()).issuedAt(now).expiresAt(expires)
                .id(UUID.randomUUID().toString())
                .claim("sid", sessionId.toString())
                .claim("role", role.wire()) // informational for clients; the server reads the role from the database
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).type("JWT").build();
        return new Issued(encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), expires);
    }

    /** The token's user and session; throws {@link InvalidCredentials} for anything but a valid, current token. */
    Claims verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtValidationException e) {
            boolean expired = e.getErrors().stream().anyMatch(err -> err.getDescription() != null
                    && err.getDescription().startsWith("Jwt expired"));
            throw expired
                    ? new InvalidCredentials("token-expired", "The access token has expired; get a new one from POST /api/v1/auth/refresh")
                    : new InvalidCredentials("invalid-token", "The access token is not valid");
        } catch (BadJwtException e) {
            throw new InvalidCredentials("invalid-token", "The access token is not valid");
        } catch (JwtException e) {
            throw new InvalidCredentials("invalid-token", "The access token is not valid");
        }
        try {
            return new Claims(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString("sid")));
        } catch (IllegalArgumentException e) {
            throw new InvalidCredentials("invalid-token", "The access token is not valid");
        }
    }
}
