package io.mockupaws.identity;

import io.mockupaws.audit.AuditEvent;
import io.mockupaws.ratelimit.Tier;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is making the request: a signed-in user (JWT, {@code apiKeyId} null) or a user's API key. Controllers declare
 * an {@code Actor} parameter and pass it to the service, which scopes every query of tenant-owned data by it.
 *
 * @param keyEventsPerSecond the API key's optional ingest limit, null when none (or for a JWT)
 */
public record Actor(UUID userId, String email, Role role, Tier tier, Set<Scope> scopes, UUID apiKeyId, UUID sessionId,
                    Integer keyEventsPerSecond) {

    public Actor {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean viaApiKey() {
        return apiKeyId != null;
    }

    /**
     * Whether this actor sees every tenant's data: an admin signed in, or an admin's key that carries the
     * {@code admin} scope. An admin's narrowly scoped key (a shipper's ingest key, say) stays within its owner's data.
     */
    public boolean seesAllTenants() {
        return role == Role.ADMIN && has(Scope.ADMIN);
    }

    /** The owner to scope a query by: this user's id, or null when the actor sees every tenant. */
    public UUID tenantScope() {
        return seesAllTenants() ? null : userId;
    }

    /** A successful action by this actor, for the audit log. */
    public AuditEvent audited(String action, String resourceType, Object resourceId, Map<String, ?> details) {
        return AuditEvent.success(userId, apiKeyId, action, resourceType, resourceId, details);
    }

    public AuditEvent audited(String action, String resourceType, Object resourceId) {
        return audited(action, resourceType, resourceId, Map.of());
    }
}
