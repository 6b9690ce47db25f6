package io.mockupaws.ops;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.jobs.RecurringTaskRegistry;
import io.mockupaws.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The recurring jobs and the job queue, for operators (under /api/v1/admin/: administrators only). */
@RestController
@RequestMapping(path = "/api/v1/admin/jobs", produces = "application/json")
@Tag(name = "admin", description = "Operations: background jobs")
class JobsController {

    private final RecurringTaskRegistry registry;
    private final AuditLog audit;

    JobsController(RecurringTaskRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Every recurring job (id, cron in UTC, next run, last run and its outcome) and the jobs by state")
    RecurringTaskRegistry.Overview list() {
        return registry.overview();
    }

    @PostMapping("/{id}/run")
    @Operation(summary = "Run a recurring job now, besides its schedule (202: enqueued)")
    ResponseEntity<Map<String, String>> runNow(Actor actor, @PathVariable String id) {
        if (!registry.runNow(id)) {
            throw ApiException.notFound("recurring-job-not-found", "No recurring job with id '" + id + "'; GET /api/v1/admin/jobs lists them");
        }
        audit.record(actor.audited("job.run-requested", "recurring_job", id));
        return ResponseEntity.accepted().body(Map.of("id", id, "status", "enqueued"));
    }
}
