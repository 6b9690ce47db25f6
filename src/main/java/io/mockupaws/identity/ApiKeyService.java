package io.mockupaws.identity;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for log shippers and scripts: {@code mk_} + 43 base62 characters (32 random bytes). Only the SHA-256
 * digest and an 11-character display prefix are stored.
 */
@Service
class ApiKeyService {

    static final String PREFIX = "mk_";
    static final int MAX_ACTIVE_KEYS = 100;
    static final int MAX_EVENTS_PER_SECOND = 1_000_000;
    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final Duration USE_RECORD_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final AuditLog audit;
    private final VerifiedKeys verified;
    /** When this instance last asked the database to record a key's use: at most one write per key per minute. */
    private final Map<UUID, Long> useRecorded = new ConcurrentHashMap<>();

    ApiKeyService(ApiKeyRepository keys, AuditLog audit, VerifiedKeys verified) {
        this.keys = keys;
        this.audit = audit;
        this.verified = verified;
    }

    record Create(String name, List<Scope> scopes, Instant expiresAt, Integer eventsPerSecond) {}

    @Transactional
    ApiKey.Issued create(Actor actor, Create c) {
        String name = c.name() == null ? "" : c.name().strip();
        if (name.isEmpty()) throw ApiException.invalid("name", "is required");
        if (name.length() > 100) throw ApiException.invalid("name", "must be at most 100 characters");
        if (name.chars().anyMatch(Character::isISOControl)) throw ApiException.invalid("name", "must not contain control characters");
        if (c.scopes() == null || c.scopes().isEmpty()) {
            throw ApiException.invalid("scopes", "must name at least one of ingest, scenarios:read, scenarios:write, reports, admin");
        }
        if (c.scopes().contains(null)) throw ApiException.invalid("scopes", "must not contain null");
        Set<Scope> scopes = EnumSet.copyOf(c.scopes());
        if (scopes.contains(Scope.ADMIN) && actor.role() != Role.ADMIN) {
            throw ApiException.forbidden("scope-not-allowed", "Only administrators can create keys with the admin scope")
                    .with("scope", Scope.ADMIN.wire());
        }
        if (c.expiresAt() != null && !c.expiresAt().isAfter(Instant.now())) throw ApiException.invalid("expires_at", "must be in the future");
        if (c.eventsPerSecond() != null && (c.eventsPerSecond() < 1 || c.eventsPerSecond() > MAX_EVENTS_PER_SECOND)) {
            throw ApiException.invalid("events_per_second", "must be between 1 and " + MAX_EVENTS_PER_SECOND);
        }
        if (keys.countActive(actor.userId()) >= MAX_ACTIVE_KEYS) {
            throw ApiException.conflict("too-many-api-keys", "You have " + MAX_ACTIVE_KEYS + " active keys; revoke one first");
        }
        String secret = SecretTokens.generate(PREFIX);
        ApiKey key = keys.insert(actor.userId(), name, displayPrefix(secret), SecretTokens.sha256(secret), scopes,
                c.eventsPerSecond(), c.expiresAt());
        audit.record(actor.audited("api_key.created", "api_key", key.id(), describe(key)));
        return issued(key, secret);
    }

    List<ApiKey> list(Actor actor) {
        return keys.list(actor.userId());
    }

    @Transactional
    void revoke(Actor actor, UUID id) {
        var revoked = keys.revoke(id, actor.userId());
        if (revoked.isPresent()) {
            verified.forgetAfterCommit();
            audit.record(actor.audited("api_key.revoked", "api_key", id, describe(revoked.get())));
            return;
        }
        keys.find(id, actor.userId()).orElseThrow(() -> notFound(id)); // revoking twice is fine; someone else's key is not there
    }

    /** A new secret for the same key (name, scopes, limits); the old secret stops working at once. */
    @Transactional
    ApiKey.Issued rotate(Actor actor, UUID id) {
        String secret = SecretTokens.generate(PREFIX);
        ApiKey key = keys.rotate(id, actor.userId(), displayPrefix(secret), SecretTokens.sha256(secret)).orElseThrow(() -> {
            ApiKey existing = keys.find(id, actor.userId()).orElseThrow(() -> notFound(id));
            return ApiException.conflict("api-key-not-active", "API key " + id + " is " + existing.status() + " and cannot be rotated")
                    .with("status", existing.status());
        });
        verified.forgetAfterCommit();
        audit.record(actor.audited("api_key.rotated", "api_key", id, describe(key)));
        return issued(key, secret);
    }

    /**
     * The actor behind a presented key; {@link InvalidCredentials} when it is unknown, revoked, expired or its owner is
     * inactive. The key's row may come from {@link VerifiedKeys} (at most a few seconds old, see there).
     */
    Actor authenticate(String secret) {
        if (!SecretTokens.looksLike(secret, PREFIX)) throw invalidKey();
        byte[] hash = SecretTokens.sha256(secret);
        ApiKeyRepository.Holder h = verified.holder(hash, () -> keys.holderOf(hash)).orElseThrow(ApiKeyService::invalidKey);
        if (h.revokedAt() != null || (h.expiresAt() != null && !h.expiresAt().isAfter(Instant.now())) || !h.userActive()) {
            throw invalidKey();
        }
        recordUse(h.keyId(), h.lastUsedAt());
        Set<Scope> scopes = EnumSet.copyOf(h.scopes());
        if (h.role() != Role.ADMIN) scopes.remove(Scope.ADMIN); // an admin demoted since the key was made loses its power
        return new Actor(h.userId(), h.email(), h.role(), h.tier(), scopes, h.keyId(), null, h.eventsPerSecond());
    }

    /**
     * Keeps last_used_at current to the minute without a write per request: when the stored value is older than a
     * minute, one asynchronous UPDATE (itself a no-op when another instance got there first) is started, and this
     * instance does not start another for the same key within the minute.
     */
    private void recordUse(UUID keyId, Instant lastUsedAt) {
        if (lastUsedAt != null && lastUsedAt.isAfter(Instant.now().minus(USE_RECORD_INTERVAL))) return;
        long now = System.nanoTime();
        Long previous = useRecorded.get(keyId);
        if (previous != null && now - previous < USE_RECORD_INTERVAL.toNanos()) return;
        if (previous == null ? useRecorded.putIfAbsent(keyId, now) != null : !useRecorded.replace(keyId, previous, now)) return;
        if (useRecorded.size() > 100_000) useRecorded.clear();
        Thread.ofVirtual().name("api-key-use").start(() -> {
            try {
                keys.recordUse(keyId);
            } catch (RuntimeException e) {
                log.warn("Could not record the use of API key {}: {}", keyId, e.toString());
            }
        });
    }

    private static String displayPrefix(String secret) {
        return secret.substring(0, PREFIX.length() + 8);
    }

    private static ApiKey.Issued issued(ApiKey key, String secret) {
        return new ApiKey.Issued(key.id(), key.name(), secret, key.prefix(), key.scopes(), key.eventsPerSecond(),
                key.createdAt(), key.expiresAt());
    }

    private static Map<String, Object> describe(ApiKey key) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", key.name());
        d.put("prefix", key.prefix());
        d.put("scopes", key.scopes().stream().map(Scope::wire).toList());
        if (key.eventsPerSecond() != null) d.put("events_per_second", key.eventsPerSecond());
        if (key.expiresAt() != null) d.put("expires_at", key.expiresAt().toString());
        return d;
    }

    static InvalidCredentials invalidKey() {
        return new InvalidCredentials("invalid-api-key", "The API key is not valid (unknown, revoked or expired)");
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("api-key-not-found", "No API key with id " + id);
    }
}
