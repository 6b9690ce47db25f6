package io.mockupaws.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A stored audit line, as {@code GET /api/v1/audit} returns it. */
public record AuditEntry(
        long id,
        Instant occurredAt,
        UUID actorUserId,
        UUID actorApiKeyId,
        String action,
        String resourceType,
        String resourceId,
        AuditOutcome outcome,
        String ip,
        String userAgent,
        JsonNode details) {}
