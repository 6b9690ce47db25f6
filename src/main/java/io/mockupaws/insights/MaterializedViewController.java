package io.mockupaws.insights;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/admin", produces = "application/json")
@Tag(name = "admin", description = "Operations: database performance")
class MaterializedViewController {

    private final MaterializedViews views;
    private final AuditLog audit;

    MaterializedViewController(MaterializedViews views, AuditLog audit) {
        this.views = views;
        this.audit = audit;
    }

    @PostMapping("/refresh-views")
    @Operation(summary = "Refreshes the materialized views now (CONCURRENTLY); per view: duration and row count")
    MaterializedViews.Refresh refresh(Actor actor) {
        MaterializedViews.Refresh r = views.refreshForApi();
        audit.record(actor.audited("views.refresh", "materialized_view", "all",
                Map.of("views", r.views().stream().map(MaterializedViews.ViewRefresh::view).toList(),
                        "duration_ms", r.durationMs())));
        return r;
    }
}
