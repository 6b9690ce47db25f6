package io.mockupaws.scenario;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
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
@RequestMapping(path = "/api/v1/scenarios", produces = "application/json")
@Tag(name = "scenarios", description = "Simulated pipelines and their lifecycle")
class ScenarioController {

    private final ScenarioService service;

    ScenarioController(ScenarioService service) {
        this.service = service;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Create a scenario (status draft)")
    ResponseEntity<Scenario> create(@Valid @RequestBody ScenarioRequests.Create body) {
        Scenario s = service.create(body);
        return ResponseEntity.created(URI.create("/api/v1/scenarios/" + s.id())).body(s);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get one scenario")
    Scenario get(@PathVariable UUID id) {
        return service.get(id);
    }

    @PutMapping(path = "/{id}", consumes = "application/json")
    @Operation(summary = "Change a scenario; fields left out keep their value, pipeline is replaced as a whole")
    Scenario update(@PathVariable UUID id, @Valid @RequestBody ScenarioRequests.Update body) {
        return service.update(id, body);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a scenario that is not running, with its events and metrics")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "draft → running: the scenario starts accepting traffic")
    Scenario start(@PathVariable UUID id) {
        return service.start(id);
    }

    @PostMapping("/{id}/stop")
    @Operation(summary = "running → completed: no event is counted after this commits")
    Scenario stop(@PathVariable UUID id) {
        return service.stop(id);
    }

    @PostMapping("/{id}/archive")
    @Operation(summary = "completed → archived: frozen")
    Scenario archive(@PathVariable UUID id) {
        return service.archive(id);
    }

    @GetMapping
    @Operation(summary = "List scenarios with filters, sorting and page/page_size pagination")
    PageResult<Scenario> list(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String search,
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @RequestParam(name = "created_to", required = false) String createdTo,
            @RequestParam(name = "sort_by", defaultValue = "created_at") String sortBy,
            @RequestParam(name = "sort_order", defaultValue = "desc") String sortOrder,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(name = "page_size", defaultValue = "20") String pageSize) {
        ScenarioQuery.SortField sort = ScenarioQuery.SortField.of(sortBy);
        if (sort == null) throw badParam("sort_by", "must be one of created_at, updated_at, name, status");
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) throw badParam("sort_order", "must be asc or desc");
        ScenarioStatus st = null;
        if (status != null) {
            try {
                st = ScenarioStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw badParam("status", e.getMessage());
            }
        }
        if (region != null && !AwsRegion.CODES.contains(region)) throw badParam("region", "is not a known AWS region code");
        Instant from = QueryParams.instant("created_from", createdFrom);
        Instant to = QueryParams.instant("created_to", createdTo);
        var q = new ScenarioQuery(st, region, QueryParams.text("tag", tag, 64), QueryParams.text("search", search, 255),
                from, to, sort, sortOrder.equals("asc"),
                QueryParams.intInRange("page", page, 1, 1_000_000),
                QueryParams.intInRange("page_size", pageSize, 1, 100));
        return service.list(q);
    }

    private static ApiException badParam(String name, String message) {
        return ApiException.badRequest("invalid-parameter", "Parameter '" + name + "' " + message).with("parameter", name);
    }
}
