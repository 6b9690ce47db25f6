package io.mockupaws.ingest;

import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.QueryParams;
import io.mockupaws.profiling.PiiType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where log shippers send traffic. The endpoints speak each shipper's own protocol (plain JSON/NDJSON/text, the
 * Elasticsearch bulk API, OTLP/HTTP) and answer the way that shipper expects, so existing configs work unchanged.
 *
 * <p>Shippers authenticate with an API key carrying the {@code ingest} scope, and write only into scenarios of the
 * key's owner: every scenario a request names — in the path, a header, a bulk action's index or an OTLP resource —
 * is checked, and one that is not the owner's is "not found", like any other tenancy failure.
 */
@RestController
@Tag(name = "ingest", description = "Receive real log traffic into a running scenario")
class IngestController {

    static final String SCENARIO_HEADER = "X-Scenario-ID";
    static final String SOURCE_HEADER = "X-Source";

    private final IngestService ingest;
    private final StoredEventRepository stored;
    private final IngestMetrics metrics;
    private final KeyEventLimit keyLimit;

    IngestController(IngestService ingest, StoredEventRepository stored, IngestMetrics metrics, KeyEventLimit keyLimit) {
        this.ingest = ingest;
        this.stored = stored;
        this.metrics = metrics;
        this.keyLimit = keyLimit;
    }

    @PostMapping("/ingest")
    @Operation(summary = "Ingest events (JSON object/array, NDJSON, JSON lines, text lines; gzip/deflate) into the scenario named by X-Scenario-ID")
    Map<String, Object> ingestByHeader(
            Actor actor,
            @RequestHeader(name = SCENARIO_HEADER, required = false) String scenarioHeader,
            @RequestHeader(name = SOURCE_HEADER, required = false) String source,
            @RequestParam(name = "detail", defaultValue = "false") String detail,
            HttpServletRequest request, HttpServletResponse response) {
        return ingestInto(actor, requireScenario(scenarioHeader), source, detail, request, response);
    }

    @PostMapping("/api/v1/scenarios/{id}/ingest")
    @Operation(summary = "Ingest events into a running scenario")
    Map<String, Object> ingestByPath(
            Actor actor,
            @PathVariable UUID id,
            @RequestHeader(name = SOURCE_HEADER, required = false) String source,
            @RequestParam(name = "detail", defaultValue = "false") String detail,
            HttpServletRequest request, HttpServletResponse response) {
        return ingestInto(actor, id, source, detail, request, response);
    }

    /**
     * Answers with the map itself, not a ResponseEntity: Spring flushes a ResponseEntity's response after writing it,
     * which commits it before its length is known — a chunked answer, two socket writes instead of one. Left to
     * complete on its own, a small answer goes out with its Content-Length in a single write.
     */
    private Map<String, Object> ingestInto(Actor actor, UUID scenarioId, String source, String detailParam,
                                                           HttpServletRequest request, HttpServletResponse response) {
        boolean detail = bool("detail", detailParam);
        String type = mediaType(request);
        byte[] body = RequestBody.read(request);
        List<IncomingEvent> events = switch (type) {
            case "application/json" -> EventDecoder.json(body, source);
            case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines",
                 "application/jsonlines" -> EventDecoder.jsonLines(body, source);
            case "text/plain" -> EventDecoder.textLines(body, source);
            default -> throw unsupported(type, "application/json, application/x-ndjson, application/jsonl, text/plain");
        };
        keyLimit.take(actor, events.size(), response);
        List<IngestService.Accepted> committed = ingest.ingest(actor.userId(), Map.of(scenarioId, events));
        metrics.accepted(IngestMetrics.Endpoint.JSON, committed);
        IngestService.Accepted a = committed.getFirst();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", a.events().size());
        answer.put("scenario_id", a.scenarioId());
        answer.put("tokenizer", a.tokenizer());
        answer.put("totals", a.totals());
        if (detail || a.events().size() == 1) answer.put("events", a.events().stream().map(IngestController::detail).toList());
        return answer;
    }

    @RequestMapping(path = {"/ingest", "/ingest/"}, method = {RequestMethod.GET, RequestMethod.HEAD})
    @SecurityRequirements
    @Operation(summary = "Elasticsearch root info, so ES-output shippers accept /ingest as their cluster URL")
    ResponseEntity<Map<String, Object>> elasticsearchRoot() {
        return ResponseEntity.ok().header("X-Elastic-Product", "Elasticsearch").body(Map.of(
                "name", "mockupaws", "cluster_name", "mockupaws", "tagline", "You Know, for Search",
                "version", Map.of("number", "8.11.0", "build_flavor", "default", "lucene_version", "9.8.0",
                        "minimum_wire_compatibility_version", "7.17.0", "minimum_index_compatibility_version", "7.0.0")));
    }

    @PostMapping({"/ingest/_bulk", "/ingest/{index}/_bulk"})
    @Operation(summary = "Elasticsearch bulk API: scenario from each action's _index (containing the scenario id) or X-Scenario-ID")
    ResponseEntity<Map<String, Object>> bulk(
            Actor actor,
            @PathVariable(name = "index", required = false) String pathIndex,
            @RequestHeader(name = SCENARIO_HEADER, required = false) String scenarioHeader,
            @RequestHeader(name = SOURCE_HEADER, required = false) String source,
            HttpServletRequest request, HttpServletResponse response) {
        long start = System.nanoTime();
        String type = mediaType(request);
        if (!type.equals("application/x-ndjson") && !type.equals("application/json")) {
            throw unsupported(type, "application/x-ndjson, application/json");
        }
        UUID defaultScenario = scenarioHeader == null || scenarioHeader.isBlank() ? null : parseScenario(scenarioHeader);
        BulkRequest bulk = BulkRequest.parse(RequestBody.read(request), defaultScenario, pathIndex, source);
        Map<UUID, List<IncomingEvent>> byScenario = new LinkedHashMap<>();
        for (BulkRequest.Item item : bulk.items()) {
            if (item.event() != null) byScenario.computeIfAbsent(item.scenarioId(), k -> new ArrayList<>()).add(item.event());
        }
        keyLimit.take(actor, byScenario.values().stream().mapToLong(List::size).sum(), response);
        metrics.accepted(IngestMetrics.Endpoint.BULK, ingest.ingest(actor.userId(), byScenario));
        List<Map<String, Object>> items = new ArrayList<>();
        int seq = 0;
        for (BulkRequest.Item item : bulk.items()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("_index", item.index() == null ? String.valueOf(item.scenarioId()) : item.index());
            result.put("_id", item.id() == null ? UUID.randomUUID().toString() : item.id());
            if (item.event() == null) {
                result.put("result", "not_found");
                result.put("status", 404);
            } else {
                result.put("_version", 1);
                result.put("result", "created");
                result.put("_shards", Map.of("total", 1, "successful", 1, "failed", 0));
                result.put("_seq_no", seq++);
                result.put("_primary_term", 1);
                result.put("status", item.action().equals("update") ? 200 : 201);
            }
            items.add(Map.of(item.action(), result));
        }
        return ResponseEntity.ok().header("X-Elastic-Product", "Elasticsearch").body(Map.of(
                "took", (System.nanoTime() - start) / 1_000_000, "errors", false, "items", items));
    }

    @PostMapping("/v1/logs")
    @Operation(summary = "OTLP/HTTP logs (application/x-protobuf or application/json); scenario from X-Scenario-ID or resource attribute mockupaws.scenario.id")
    ResponseEntity<?> otlp(
            Actor actor,
            @RequestHeader(name = SCENARIO_HEADER, required = false) String scenarioHeader,
            @RequestHeader(name = SOURCE_HEADER, required = false) String source,
            HttpServletRequest request, HttpServletResponse response) {
        String type = mediaType(request);
        boolean protobuf = type.equals("application/x-protobuf") || type.equals("application/protobuf");
        if (!protobuf && !type.equals("application/json")) throw unsupported(type, "application/x-protobuf, application/json");
        UUID headerScenario = scenarioHeader == null || scenarioHeader.isBlank() ? null : parseScenario(scenarioHeader);
        byte[] body = RequestBody.read(request);
        List<OtlpLogs.Entry> entries = protobuf ? OtlpLogs.fromProtobuf(body, source) : OtlpLogs.fromJson(body, source);
        Map<UUID, List<IncomingEvent>> byScenario = new LinkedHashMap<>();
        for (OtlpLogs.Entry e : entries) {
            UUID scenario = e.scenarioId() != null ? e.scenarioId() : headerScenario;
            if (scenario == null) {
                throw ApiException.badRequest("missing-scenario-id", "No scenario: send the " + SCENARIO_HEADER
                        + " header or the resource attribute " + OtlpLogs.SCENARIO_ATTRIBUTE);
            }
            byScenario.computeIfAbsent(scenario, k -> new ArrayList<>()).add(e.event());
        }
        keyLimit.take(actor, entries.size(), response);
        metrics.accepted(IngestMetrics.Endpoint.OTLP, ingest.ingest(actor.userId(), byScenario));
        // ExportLogsServiceResponse with no partial_success: empty in protobuf, {} in JSON.
        return protobuf
                ? ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-protobuf")).body(new byte[0])
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }

    @PostMapping("/flush")
    @Operation(summary = "Compatibility with the original mockupAWS: writes are synchronous, so this returns the scenario's counters")
    Map<String, Object> flush(Actor actor, @RequestHeader(name = SCENARIO_HEADER, required = false) String scenarioHeader) {
        UUID id = requireScenario(scenarioHeader);
        return Map.of("scenario_id", id, "flushed", 0, "totals", ingest.totals(id, actor.userId()));
    }

    @GetMapping({"/api/v1/scenarios/{id}/logs", "/api/v2/scenarios/{id}/logs"})
    @Operation(summary = "Stored events (redacted previews, never raw messages) with filters and cursor pagination")
    StoredEventRepository.Page logs(
            Actor actor,
            @PathVariable UUID id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String source,
            @RequestParam(name = "has_pii", required = false) String hasPii,
            @RequestParam(name = "pii_type", required = false) String piiType,
            @RequestParam(name = "sort_by", defaultValue = "received_at") String sortBy,
            @RequestParam(name = "sort_order", defaultValue = "desc") String sortOrder,
            @RequestParam(defaultValue = "50") String limit,
            @RequestParam(required = false) String cursor) {
        ingest.checkReadable(actor, id); // 404 for an unknown scenario or another tenant's
        StoredEventRepository.Sort sort = switch (sortBy) {
            case "received_at", "time" -> StoredEventRepository.Sort.TIME;
            case "size_bytes", "size" -> StoredEventRepository.Sort.SIZE;
            default -> throw QueryParams.invalid("sort_by", "must be received_at or size_bytes");
        };
        if (!sortOrder.equals("asc") && !sortOrder.equals("desc")) throw QueryParams.invalid("sort_order", "must be asc or desc");
        String type = QueryParams.text("pii_type", piiType, 32);
        if (type != null) {
            try {
                type = PiiType.fromCode(type).code();
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid("pii_type", "must be one of " + java.util.Arrays.stream(PiiType.values()).map(PiiType::code).toList());
            }
        }
        var q = new StoredEventRepository.Query(id, QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.text("source", source, 255), hasPii == null ? null : bool("has_pii", hasPii), type, sort,
                sortOrder.equals("asc"), QueryParams.intInRange("limit", limit, 1, 500),
                cursor == null || cursor.isBlank() ? null : StoredEventRepository.Cursor.decode(cursor.strip()));
        return stored.find(q);
    }

    private static Map<String, Object> detail(ProfiledEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message_hash", e.profile().messageHashHex());
        m.put("size_bytes", e.profile().sizeBytes());
        m.put("sqs_blocks", e.profile().sqsBlocks());
        m.put("token_count", e.profile().tokenCount());
        m.put("pii_types", e.profile().piiTypes().stream().map(PiiType::code).toList());
        return m;
    }

    private static UUID requireScenario(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.badRequest("missing-scenario-id", "Header " + SCENARIO_HEADER + " is required").with("header", SCENARIO_HEADER);
        }
        return parseScenario(header);
    }

    private static UUID parseScenario(String header) {
        try {
            return UUID.fromString(header.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-scenario-id", "Header " + SCENARIO_HEADER + " must be a scenario UUID")
                    .with("header", SCENARIO_HEADER);
        }
    }

    private static String mediaType(HttpServletRequest request) {
        String ct = request.getContentType();
        if (ct == null || ct.isBlank()) throw unsupported("(none)", "a Content-Type header");
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static ApiException unsupported(String type, String accepted) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Content type " + type + " is not supported here; use " + accepted);
    }

    private static boolean bool(String name, String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw QueryParams.invalid(name, "must be true or false");
        };
    }

}
