package io.mockupaws.report;

import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "reports", description = "PDF and CSV reports of a scenario, generated in the background")
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    /** A report as the API shows it; {@code download_url} once completed. */
    record View(UUID id, UUID scenarioId, UUID scheduleId, String format, String status, Instant from, Instant to,
                List<String> sections, boolean includeLogs, Long sizeBytes, String sha256, Long logRows, String error,
                Instant createdAt, Instant startedAt, Instant completedAt, String downloadUrl) {

        static View of(Report r) {
            return new View(r.id(), r.scenarioId(), r.scheduleId(), r.format().wire, r.status(), r.periodFrom(), r.periodTo(),
                    r.format() == ReportFormat.PDF ? r.sections().stream().map(s -> s.wire).toList() : List.of(),
                    r.includeLogs(), r.sizeBytes(), r.sha256() == null ? null : HexFormat.of().formatHex(r.sha256()),
                    r.logRows(), r.error(), r.createdAt(), r.startedAt(), r.completedAt(),
                    r.completed() ? "/api/v1/reports/" + r.id() + "/download" : null);
        }
    }

    @PostMapping(path = "/api/v1/scenarios/{id}/reports", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Request a PDF or CSV report of the scenario (202; generated in the background, at most 10 a minute)")
    ResponseEntity<View> request(Actor actor, @PathVariable UUID id, @RequestBody(required = false) ReportRequests.Create body) {
        Report r = reports.request(actor, id, body);
        return ResponseEntity.accepted().location(URI.create("/api/v1/reports/" + r.id())).body(View.of(r));
    }

    @GetMapping(path = "/api/v1/scenarios/{id}/reports", produces = "application/json")
    @Operation(summary = "The scenario's reports, newest first → {items, total, page, page_size}")
    PageResult<View> list(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "1") String page,
                          @RequestParam(name = "page_size", defaultValue = "20") String pageSize) {
        PageResult<Report> p = reports.list(actor, id, QueryParams.intInRange("page", page, 1, 1_000_000),
                QueryParams.intInRange("page_size", pageSize, 1, 100));
        return new PageResult<>(p.items().stream().map(View::of).toList(), p.total(), p.page(), p.pageSize());
    }

    @GetMapping(path = "/api/v1/reports/{id}", produces = "application/json")
    @Operation(summary = "A report's status: pending, running, completed (with size and download_url) or failed (with error)")
    View get(Actor actor, @PathVariable UUID id) {
        return View.of(reports.get(actor, id));
    }

    @GetMapping("/api/v1/reports/{id}/download")
    @Operation(summary = "The report's file (application/pdf or text/csv); 409 report-not-ready until it is completed")
    ResponseEntity<InputStreamResource> download(Actor actor, @PathVariable UUID id) {
        return file(reports.download(actor, id));
    }

    @DeleteMapping("/api/v1/reports/{id}")
    @Operation(summary = "Delete the report and its file")
    ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id) {
        reports.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    static ResponseEntity<InputStreamResource> file(ReportService.Download d) {
        Report r = d.report();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(r.format().contentType))
                .contentLength(r.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(d.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new InputStreamResource(d.content()));
    }
}
