package io.mockupaws.archive;

import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.ApiException.FieldError;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Archiving for operators: policies, runs, their history, and what is where. Under /api/v1/admin/: administrators only. */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = "application/json")
@Tag(name = "admin", description = "Operations: archiving of old events, metrics and reports")
class ArchiveController {

    private final ArchiveService archive;
    private final ArchivePolicies policies;

    ArchiveController(ArchiveService archive, ArchivePolicies policies) {
        this.archive = archive;
        this.policies = policies;
    }

    record Items<T>(List<T> items) {}

    record RunRequest(Boolean dryRun, List<String> tables, Integer batchSize) {}

    @GetMapping("/archive-policies")
    @Operation(summary = "The archive policy of each table")
    Items<ArchivePolicy> policies() {
        return new Items<>(policies.list());
    }

    @PutMapping(path = "/archive-policies", consumes = "application/json")
    @Operation(summary = "Change archive_after_days of one or more tables (all or nothing; each change audited)")
    Items<ArchivePolicy> updatePolicies(Actor actor, @RequestBody Items<ArchivePolicies.Change> body) {
        return new Items<>(policies.update(actor, body == null ? null : body.items()));
    }

    @PostMapping(path = "/archive/run")
    @Operation(summary = "Run the archiver: 202 with the run (follow it at /archive/runs/{id}); dry_run answers 200 with "
            + "what would move and changes nothing; 409 archive-running when another archiver is running")
    ResponseEntity<ArchiveRun> run(Actor actor, @RequestBody(required = false) RunRequest body) {
        RunRequest r = body == null ? new RunRequest(null, null, null) : body;
        Set<ArchiveTable> tables = tables(r.tables());
        int batchSize = r.batchSize() == null ? archive.settings().batchSize() : r.batchSize();
        if (batchSize < 1 || batchSize > ArchiveSettings.MAX_BATCH_SIZE) {
            throw ApiException.invalid("batch_size", "must be between 1 and " + ArchiveSettings.MAX_BATCH_SIZE);
        }
        if (Boolean.TRUE.equals(r.dryRun())) return ResponseEntity.ok(archive.dryRun(tables, ArchiveTrigger.API));
        ArchiveRun run = archive.start(new ArchiveService.Request(tables, batchSize, ArchiveTrigger.API, actor));
        if (run.status().equals("skipped")) {
            throw ApiException.conflict("archive-running", run.jobs().getFirst().error()).with("run_id", run.runId());
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/admin/archive/runs/" + run.runId())).body(run);
    }

    @GetMapping("/archive/runs/{runId}")
    @Operation(summary = "One run with its per-table jobs")
    ArchiveRun runOf(@PathVariable UUID runId) {
        ArchiveRun run = archive.runOf(runId);
        if (run.jobs().isEmpty()) throw ApiException.notFound("archive-run-not-found", "No archiving run with id " + runId);
        return run;
    }

    @GetMapping("/archive/jobs")
    @Operation(summary = "Archiving jobs (one per table per run), newest first; type= logs, metrics or reports")
    PageResult<ArchiveJob> jobs(@RequestParam(required = false) String type,
                                @RequestParam(defaultValue = "1") String page,
                                @RequestParam(name = "page_size", defaultValue = "50") String pageSize) {
        ArchiveTable t = null;
        if (type != null && !type.isBlank()) {
            t = ArchiveTable.of(type).orElseThrow(() -> QueryParams.invalid("type", "must be logs, metrics or reports"));
        }
        return archive.jobs(t, QueryParams.intInRange("page", page, 1, 1_000_000),
                QueryParams.intInRange("page_size", pageSize, 1, 200));
    }

    @GetMapping("/archive/statistics")
    @Operation(summary = "Rows and bytes per table, live and archived (estimated rows), with the policy and the last run")
    Items<ArchiveStatistics> statistics() {
        return new Items<>(archive.statistics());
    }

    private static Set<ArchiveTable> tables(List<String> names) {
        Set<ArchiveTable> tables = EnumSet.noneOf(ArchiveTable.class);
        if (names == null) return tables;
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int at = i;
            ArchiveTable.of(names.get(i)).ifPresentOrElse(tables::add,
                    () -> errors.add(new FieldError("tables[" + at + "]", "must be logs, metrics or reports")));
        }
        if (!errors.isEmpty()) throw ApiException.invalid(errors);
        return tables;
    }
}
