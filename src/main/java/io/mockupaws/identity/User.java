package io.mockupaws.identity;

import io.mockupaws.ratelimit.Tier;
import java.time.Instant;
import java.util.UUID;

/** An account, as the API shows it. The password hash is not part of it, so it cannot be serialized by mistake. */
public record User(
        UUID id,
        String email,
        String fullName,
        Role role,
        Tier tier,
        boolean active,
        Instant createdAt,
        Instant lastLoginAt) {}
