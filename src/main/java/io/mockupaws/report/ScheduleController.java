package io.mockupaws.report;

import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/report-schedules", produces = "application/json")
@Tag(name = "reports", description = "PDF and CSV reports of a scenario, generated in the background")
class ScheduleController {

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    record View(UUID id, UUID scenarioId, String frequency, int hour, Integer day, String timezone, String format,
                List<String> recipients, boolean enabled, Instant nextRunAt, Instant lastRunAt, UUID lastReportId,
                String lastError, Instant createdAt, Instant updatedAt) {

        static View of(Schedule s) {
            Schedule.Definition d = s.definition();
            return new View(s.id(), d.scenarioId(), d.frequency().wire, d.hour(), d.day(), d.zone().getId(), d.format().wire,
                    d.recipients(), d.enabled(), s.nextRunAt(), s.lastRunAt(), s.lastReportId(), s.lastError(),
                    s.createdAt(), s.updatedAt());
        }
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Mail a scenario's report daily, weekly or monthly at a local hour (201)")
    ResponseEntity<View> create(Actor actor, @RequestBody(required = false) ScheduleRequests.Body body) {
        Schedule s = schedules.create(actor, body);
        return ResponseEntity.created(URI.create("/api/v1/report-schedules/" + s.id())).body(View.of(s));
    }

    @GetMapping
    @Operation(summary = "The caller's report schedules, newest first → {items, total, page, page_size}")
    PageResult<View> list(Actor actor, @RequestParam(defaultValue = "1") String page,
                          @RequestParam(name = "page_size", defaultValue = "20") String pageSize) {
        PageResult<Schedule> p = schedules.list(actor, QueryParams.intInRange("page", page, 1, 1_000_000),
                QueryParams.intInRange("page_size", pageSize, 1, 100));
        return new PageResult<>(p.items().stream().map(View::of).toList(), p.total(), p.page(), p.pageSize());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One report schedule, with its next and last run")
    View get(Actor actor, @PathVariable UUID id) {
        return View.of(schedules.get(actor, id));
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @Operation(summary = "Change a schedule; fields left out keep their value")
    View update(Actor actor, @PathVariable UUID id, @RequestBody(required = false) ScheduleRequests.Body body) {
        return View.of(schedules.update(actor, id, body));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a schedule (its reports stay)")
    ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id) {
        schedules.delete(actor, id);
        return ResponseEntity.noContent().build();
    }
}
