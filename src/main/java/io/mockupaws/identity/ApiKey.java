package io.mockupaws.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API key as listed: never the secret, which is shown once when the key is created or rotated. {@code prefix}
 * ({@code mk_} and the secret's first 8 characters) lets a user tell their keys apart in a shipper's config.
 */
public record ApiKey(
        UUID id,
        String name,
        String prefix,
        List<Scope> scopes,
        Integer eventsPerSecond,
        Instant createdAt,
        Instant expiresAt,
        Instant rotatedAt,
        Instant revokedAt,
        Instant lastUsedAt,
        String status) {

    /** A key with its secret: the only time the secret leaves the server. */
    public record Issued(UUID id, String name, String key, String prefix, List<Scope> scopes, Integer eventsPerSecond,
                         Instant createdAt, Instant expiresAt) {}
}
