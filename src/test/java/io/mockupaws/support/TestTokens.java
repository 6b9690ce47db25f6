package io.mockupaws.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens minted the way the server mints them (HS256 with the key it generated in the test data directory),
 * so tests can sign in without a bcrypt round per test, and can forge expired or wrongly signed ones on purpose.
 */
public final class TestTokens {

    private TestTokens() {}

    public static byte[] serverKey(Path dataDir) {
        try {
            return Base64.getDecoder().decode(Files.readString(dataDir.resolve("jwt-secret"), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sign(byte[] key, UUID user, UUID session, Instant issuedAt, Instant expiresAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("mockupaws").subject(user.toString())
                    .claim("sid", session.toString()).issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
