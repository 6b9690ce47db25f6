package io.mockupaws.audit;

import java.time.Instant;
import java.util.UUID;

/** Filters of the audit listing, already validated; null means "any". */
record AuditQuery(UUID actorUserId, UUID actorApiKeyId, String action, String resourceType, String resourceId,
                  AuditOutcome outcome, Instant from, Instant to) {}
