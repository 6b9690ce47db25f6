package io.mockupaws.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mockupaws.platform.web.ApiException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * OTLP/HTTP logs ({@code ExportLogsServiceRequest}) in both encodings. The message is the record's body (a string
 * body as is, a structured body as compact JSON), the source the resource's {@code service.name} (else
 * {@code host.name}), the time {@code timeUnixNano} (else {@code observedTimeUnixNano}); the scenario may come from
 * the resource attribute {@code mockupaws.scenario.id}.
 */
final class OtlpLogs {

    static final String SCENARIO_ATTRIBUTE = "mockupaws.scenario.id";

    record Entry(UUID scenarioId, IncomingEvent event) {}

    private OtlpLogs() {}

    static List<Entry> fromProtobuf(byte[] body, String defaultSource) {
        ExportLogsServiceRequest request;
        try {
            request = ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("malformed-otlp", "The body is not a valid OTLP ExportLogsServiceRequest (protobuf)");
        }
        List<Entry> entries = new ArrayList<>();
        for (ResourceLogs rl : request.getResourceLogsList()) {
            String scenario = null, service = null, host = null;
            for (KeyValue kv : rl.getResource().getAttributesList()) {
                switch (kv.getKey()) {
                    case SCENARIO_ATTRIBUTE -> scenario = kv.getValue().getStringValue();
                    case "service.name" -> service = kv.getValue().getStringValue();
                    case "host.name" -> host = kv.getValue().getStringValue();
                    default -> { }
                }
            }
            UUID scenarioId = scenarioId(scenario);
            String source = firstNonBlank(service, host, defaultSource);
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord r : sl.getLogRecordsList()) {
                    EventDecoder.checkCount(entries.size() + 1);
                    long nanos = r.getTimeUnixNano() != 0 ? r.getTimeUnixNano() : r.getObservedTimeUnixNano();
                    String position = "log record " + entries.size();
                    entries.add(new Entry(scenarioId, new IncomingEvent(render(r.getBody()), source, instant(nanos), position)));
                }
            }
        }
        return nonEmpty(entries);
    }

    static List<Entry> fromJson(byte[] body, String defaultSource) {
        JsonNode root;
        try {
            root = EventDecoder.JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("malformed-otlp", "The body is not valid OTLP JSON (" + EventDecoder.shortReason(e) + ")");
        }
        if (root == null || !root.isObject()) throw ApiException.badRequest("malformed-otlp", "The OTLP JSON body must be an object");
        List<Entry> entries = new ArrayList<>();
        for (JsonNode rl : root.path("resourceLogs")) {
            String scenario = null, service = null, host = null;
            for (JsonNode kv : rl.path("resource").path("attributes")) {
                String value = kv.path("value").path("stringValue").asString(null);
                switch (kv.path("key").asString("")) {
                    case SCENARIO_ATTRIBUTE -> scenario = value;
                    case "service.name" -> service = value;
                    case "host.name" -> host = value;
                    default -> { }
                }
            }
            UUID scenarioId = scenarioId(scenario);
            String source = firstNonBlank(service, host, defaultSource);
            for (JsonNode sl : rl.path("scopeLogs")) {
                for (JsonNode r : sl.path("logRecords")) {
                    EventDecoder.checkCount(entries.size() + 1);
                    Instant time = jsonNanos(r.path("timeUnixNano"));
                    if (time == null) time = jsonNanos(r.path("observedTimeUnixNano"));
                    String position = "log record " + entries.size();
                    entries.add(new Entry(scenarioId, new IncomingEvent(renderJson(r.path("body")), source, time, position)));
                }
            }
        }
        return nonEmpty(entries);
    }

    private static List<Entry> nonEmpty(List<Entry> entries) {
        if (entries.isEmpty()) throw ApiException.badRequest("empty-body", "The OTLP request holds no log records");
        return entries;
    }

    private static UUID scenarioId(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-scenario-id", "Resource attribute " + SCENARIO_ATTRIBUTE + " is not a UUID");
        }
    }

    private static Instant instant(long nanos) {
        return nanos <= 0 ? null : Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    private static Instant jsonNanos(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) return null;
        try {
            long nanos = new BigDecimal(v.asString()).longValueExact();
            return instant(nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** A string body is the message itself; anything else is rendered as compact JSON. */
    static String render(AnyValue v) {
        return v.getValueCase() == AnyValue.ValueCase.STRING_VALUE ? v.getStringValue() : toJson(v).toString();
    }

    private static JsonNode toJson(AnyValue v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v.getValueCase()) {
            case STRING_VALUE -> f.stringNode(v.getStringValue());
            case BOOL_VALUE -> f.booleanNode(v.getBoolValue());
            case INT_VALUE -> f.numberNode(v.getIntValue());
            case DOUBLE_VALUE -> f.numberNode(v.getDoubleValue());
            case BYTES_VALUE -> f.stringNode(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode a = f.arrayNode();
                v.getArrayValue().getValuesList().forEach(x -> a.add(toJson(x)));
                yield a;
            }
            case KVLIST_VALUE -> {
                ObjectNode o = f.objectNode();
                v.getKvlistValue().getValuesList().forEach(kv -> o.set(kv.getKey(), toJson(kv.getValue())));
                yield o;
            }
            default -> f.stringNode("");
        };
    }

    /** OTLP JSON's AnyValue: {"stringValue": …} as the string, other kinds as compact JSON of their value. */
    private static String renderJson(JsonNode body) {
        if (body.isMissingNode() || body.isNull()) return "";
        if (body.has("stringValue")) return body.get("stringValue").asString();
        JsonNode unwrapped = unwrapJson(body);
        return unwrapped.isString() ? unwrapped.asString() : unwrapped.toString();
    }

    private static JsonNode unwrapJson(JsonNode v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v.has("stringValue")) return v.get("stringValue");
        if (v.has("boolValue")) return v.get("boolValue");
        if (v.has("intValue")) {
            try {
                return f.numberNode(new BigDecimal(v.get("intValue").asString()).toBigIntegerExact());
            } catch (NumberFormatException | ArithmeticException e) {
                return v.get("intValue");
            }
        }
        if (v.has("doubleValue")) return v.get("doubleValue");
        if (v.has("bytesValue")) return v.get("bytesValue");
        if (v.has("arrayValue")) {
            ArrayNode a = f.arrayNode();
            v.path("arrayValue").path("values").forEach(x -> a.add(unwrapJson(x)));
            return a;
        }
        if (v.has("kvlistValue")) {
            ObjectNode o = f.objectNode();
            v.path("kvlistValue").path("values").forEach(kv -> o.set(kv.path("key").asString(""), unwrapJson(kv.path("value"))));
            return o;
        }
        return v;
    }

    private static String firstNonBlank(String... values) {
        for (String s : values) if (s != null && !s.isBlank()) return s;
        return null;
    }
}
