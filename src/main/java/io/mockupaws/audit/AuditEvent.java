package io.mockupaws.audit;

import java.util.Map;
import java.util.UUID;

/**
 * One line of the audit log, as the module that acted describes it. The request's IP and user agent are added by
 * {@link AuditLog}. {@code details} must never hold a secret (password, token, API key): only names, ids, scopes,
 * before/after values of non-secret fields.
 */
public record AuditEvent(
        UUID actorUserId,
        UUID actorApiKeyId,
        String action,
        String resourceType,
        String resourceId,
        AuditOutcome outcome,
        Map<String, ?> details) {

    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEvent success(UUID user, UUID apiKey, String action, String resourceType, Object resourceId,
                                     Map<String, ?> details) {
        return new AuditEvent(user, apiKey, action, resourceType, resourceId == null ? null : resourceId.toString(),
                AuditOutcome.SUCCESS, details);
    }

    public static AuditEvent failure(UUID user, UUID apiKey, String action, String resourceType, Object resourceId,
                                     Map<String, ?> details) {
        return new AuditEvent(user, apiKey, action, resourceType, resourceId == null ? null : resourceId.toString(),
                AuditOutcome.FAILURE, details);
    }
}
