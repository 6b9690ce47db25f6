package io.mockupaws.audit;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.CursorPage;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for administrators (the security configuration admits only role admin or an API key with scope admin). */
@RestController
@Tag(name = "audit", description = "Who did what, when, from where (administrators only)")
class AuditController {

    private final AuditRepository repository;

    AuditController(AuditRepository repository) {
        this.repository = repository;
    }

    @GetMapping(path = "/api/v1/audit", produces = "application/json")
    @Operation(summary = "Audit log, newest first, with filters and page/page_size pagination")
    PageResult<AuditEntry> list(
            @RequestParam(name = "actor_user_id", required = false) String actorUserId,
            @RequestParam(name = "actor_api_key_id", required = false) String actorApiKeyId,
            @RequestParam(required = false) String action,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(name = "page_size", defaultValue = "50") String pageSize) {
        AuditQuery q = query(actorUserId, actorApiKeyId, action, resourceType, resourceId, outcome, from, to);
        int p = QueryParams.intInRange("page", page, 1, 1_000_000);
        int size = QueryParams.intInRange("page_size", pageSize, 1, 200);
        return new PageResult<>(repository.page(q, p, size), repository.count(q), p, size);
    }

    @GetMapping(path = "/api/v2/audit", produces = "application/json")
    @Operation(summary = "Audit log, newest first, with the same filters and cursor pagination (limit, cursor → next_cursor)")
    CursorPage<AuditEntry> listByCursor(
            @RequestParam(name = "actor_user_id", required = false) String actorUserId,
            @RequestParam(name = "actor_api_key_id", required = false) String actorApiKeyId,
            @RequestParam(required = false) String action,
            @RequestParam(name = "resource_type", required = false) String resourceType,
            @RequestParam(name = "resource_id", required = false) String resourceId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "50") String limit,
            @RequestParam(required = false) String cursor) {
        AuditQuery q = query(actorUserId, actorApiKeyId, action, resourceType, resourceId, outcome, from, to);
        int n = QueryParams.intInRange("limit", limit, 1, 200);
        List<AuditEntry> rows = new ArrayList<>(repository.before(q, decode(cursor), n + 1));
        String next = null;
        if (rows.size() > n) {
            rows.removeLast();
            next = encode(rows.getLast().id());
        }
        return new CursorPage<>(rows, next, n);
    }

    private static AuditQuery query(String actorUserId, String actorApiKeyId, String action, String resourceType,
                                    String resourceId, String outcome, String from, String to) {
        AuditOutcome o = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                o = AuditOutcome.of(outcome.strip());
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid("outcome", "must be success or failure");
            }
        }
        return new AuditQuery(uuid("actor_user_id", actorUserId), uuid("actor_api_key_id", actorApiKeyId),
                QueryParams.text("action", action, 64), QueryParams.text("resource_type", resourceType, 64),
                QueryParams.text("resource_id", resourceId, 128), o,
                QueryParams.instant("from", from), QueryParams.instant("to", to));
    }

    private static UUID uuid(String name, String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid(name, "must be a UUID");
        }
    }

    private static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("audit:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) return null;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (!raw.startsWith("audit:")) throw new IllegalArgumentException();
            return Long.parseLong(raw.substring(6));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-cursor", "The cursor is not one this API handed out").with("parameter", "cursor");
        }
    }

}
