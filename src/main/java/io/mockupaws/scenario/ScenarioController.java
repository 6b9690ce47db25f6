package io.mockupaws.scenario;

import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.CursorPage;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenarios in API v1 and v2. Both versions serve the same resources; they differ only in how lists are paged
 * (v1 page/page_size with a total, v2 a cursor).
 */
@RestController
@Tag(name = "scenarios", description = "Simulated pipelines and their lifecycle")
class ScenarioController {

    private static final String V1 = "/api/v1/scenarios";
    private static final String V2 = "/api/v2/scenarios";

    private final ScenarioService service;

    ScenarioController(ScenarioService service) {
        this.service = service;
    }

    @PostMapping(path = {V1, V2}, consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create a scenario (status draft), owned by the caller")
    ResponseEntity<Scenario> create(Actor actor, @Valid @RequestBody ScenarioRequests.Create body, HttpServletRequest request) {
        Scenario s = service.create(actor, body);
        return ResponseEntity.created(URI.create(request.getRequestURI().replaceAll("/+$", "") + "/" + s.id())).body(s);
    }

    @GetMapping(path = {V1 + "/{id}", V2 + "/{id}"}, produces = "application/json")
    @Operation(summary = "Get one scenario")
    Scenario get(Actor actor, @PathVariable UUID id) {
        return service.get(actor, id);
    }

    @PutMapping(path = {V1 + "/{id}", V2 + "/{id}"}, consumes = "application/json", produces = "application/json")
    @Operation(summary = "Change a scenario; fields left out keep their value, pipeline is replaced as a whole")
    Scenario update(Actor actor, @PathVariable UUID id, @Valid @RequestBody ScenarioRequests.Update body) {
        return service.update(actor, id, body);
    }

    @DeleteMapping(path = {V1 + "/{id}", V2 + "/{id}"})
    @Operation(summary = "Delete a scenario that is not running, with its events and metrics")
    ResponseEntity<Void> delete(Actor actor, @PathVariable UUID id) {
        service.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = {V1 + "/{id}/start", V2 + "/{id}/start"}, produces = "application/json")
    @Operation(summary = "draft → running: the scenario starts accepting traffic")
    Scenario start(Actor actor, @PathVariable UUID id) {
        return service.start(actor, id);
    }

    @PostMapping(path = {V1 + "/{id}/stop", V2 + "/{id}/stop"}, produces = "application/json")
    @Operation(summary = "running → completed: no event is counted after this commits")
    Scenario stop(Actor actor, @PathVariable UUID id) {
        return service.stop(actor, id);
    }

    @PostMapping(path = {V1 + "/{id}/archive", V2 + "/{id}/archive"}, produces = "application/json")
    @Operation(summary = "completed → archived: frozen")
    Scenario archive(Actor actor, @PathVariable UUID id) {
        return service.archive(actor, id);
    }

    @GetMapping(path = V1, produces = "application/json")
    @Operation(summary = "List scenarios with filters, sorting and page/page_size pagination → {items, total, page, page_size}")
    PageResult<Scenario> list(
            Actor actor,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String search,
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @RequestParam(name = "created_to", required = false) String createdTo,
            @RequestParam(name = "owner_id", required = false) String ownerId,
            @RequestParam(name = "sort_by", defaultValue = "created_at") String sortBy,
            @RequestParam(name = "sort_order", defaultValue = "desc") String sortOrder,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(name = "page_size", defaultValue = "20") String pageSize) {
        return service.list(query(actor, status, region, tag, search, createdFrom, createdTo, ownerId, sortBy, sortOrder,
                QueryParams.intInRange("page", page, 1, 1_000_000), QueryParams.intInRange("page_size", pageSize, 1, 100)));
    }

    @GetMapping(path = V2, produces = "application/json")
    @Operation(summary = "List scenarios with the v1 filters and sorting, cursor-paginated: limit, cursor → {items, next_cursor, limit}")
    CursorPage<Scenario> listByCursor(
            Actor actor,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String search,
            @RequestParam(name = "created_from", required = false) String createdFrom,
            @RequestParam(name = "created_to", required = false) String createdTo,
            @RequestParam(name = "owner_id", required = false) String ownerId,
            @RequestParam(name = "sort_by", defaultValue = "created_at") String sortBy,
            @RequestParam(name = "sort_order", defaultValue = "desc") String sortOrder,
            @RequestParam(defaultValue = "20") String limit,
            @RequestParam(required = false) String cursor) {
        ScenarioQuery q = query(actor, status, region, tag, search, createdFrom, createdTo, ownerId, sortBy, sortOrder,
                1, QueryParams.intInRange("limit", limit, 1, 100));
        return service.listByCursor(q, QueryParams.text("cursor", cursor, 512));
    }

    private static ScenarioQuery query(Actor actor, String status, String region, String tag, String search,
                                       String createdFrom, String createdTo, String ownerId, String sortBy,
                                       String sortOrder, int page, int pageSize) {
        ScenarioQuery.SortField sort = ScenarioQuery.SortField.of(sortBy);
        if (sort == null) throw QueryParams.invalid("sort_by", "must be one of created_at, updated_at, name, status");
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) throw QueryParams.invalid("sort_order", "must be asc or desc");
        ScenarioStatus st = null;
        if (status != null) {
            try {
                st = ScenarioStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid("status", e.getMessage());
            }
        }
        if (region != null && !AwsRegion.CODES.contains(region)) throw QueryParams.invalid("region", "is not a known AWS region code");
        UUID owner = null;
        if (ownerId != null && !ownerId.isBlank()) {
            try {
                owner = UUID.fromString(ownerId.strip());
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid("owner_id", "must be a UUID");
            }
        }
        Instant from = QueryParams.instant("created_from", createdFrom);
        Instant to = QueryParams.instant("created_to", createdTo);
        return new ScenarioQuery(actor.tenantScope(), owner, st, region, QueryParams.text("tag", tag, 64),
                QueryParams.text("search", search, 255), from, to, sort, sortOrder.equals("asc"), page, pageSize);
    }

}
