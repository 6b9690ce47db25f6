package io.mockupaws.ingest;

import io.mockupaws.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the bodies log shippers send into events: a JSON object or array (Logstash {@code json} and
 * {@code json_batch}, Fluent Bit {@code json}), one JSON object per line (Fluent Bit {@code json_lines}, NDJSON,
 * JSON Lines), or plain text lines. Any malformed part fails the whole request, naming the event or line.
 */
final class EventDecoder {

    /** Lenient on purpose: log events in the wild carry duplicate keys; the API's strict mapper would refuse them. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // we read value by value
            .build();

    private EventDecoder() {}

    /** {@code application/json}: one object, an array of events, or — as some shippers label it — JSON lines. */
    static List<IncomingEvent> json(byte[] body, String defaultSource) {
        int first = firstNonWhitespace(body);
        if (first < 0) throw ApiException.badRequest("empty-body", "The request body is empty; send at least one event");
        if (body[first] == '[') return jsonArray(body, defaultSource);
        if (looksLikeJsonLines(body, first)) return jsonLines(body, defaultSource);
        try (JsonParser p = JSON.createParser(body)) {
            JsonNode node = JSON.readTree(p);
            if (p.nextToken() != null) throw malformed("event 0", "unexpected content after the JSON value");
            return List.of(EventFields.fromNode(node, "event 0", defaultSource));
        } catch (JacksonException e) {
            throw malformedJson(e, "the JSON body");
        }
    }

    private static List<IncomingEvent> jsonArray(byte[] body, String defaultSource) {
        List<IncomingEvent> events = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken(); // START_ARRAY
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw malformed("event " + events.size(), "the JSON array is not closed");
                checkCount(events.size() + 1);
                JsonNode node = JSON.readTree(p);
                events.add(EventFields.fromNode(node, "event " + events.size(), defaultSource));
            }
            if (p.nextToken() != null) throw malformed("body", "unexpected content after the JSON array");
        } catch (JacksonException e) {
            throw malformedJson(e, "event " + events.size());
        }
        if (events.isEmpty()) throw ApiException.badRequest("empty-body", "The JSON array holds no events");
        return events;
    }

    /** One JSON object per line; blank lines are skipped. */
    static List<IncomingEvent> jsonLines(byte[] body, String defaultSource) {
        List<IncomingEvent> events = new ArrayList<>();
        forEachLine(body, (line, start, end) -> {
            checkCount(events.size() + 1);
            try (JsonParser p = JSON.createParser(body, start, end - start)) {
                JsonNode node = JSON.readTree(p);
                if (p.nextToken() != null) throw malformed("line " + line, "more than one JSON value on the line");
                events.add(EventFields.fromNode(node, "line " + line, defaultSource));
            } catch (JacksonException e) {
                throw malformed("line " + line, "not valid JSON (" + shortReason(e) + ")").with("line", line);
            }
        });
        if (events.isEmpty()) throw ApiException.badRequest("empty-body", "The body holds no events (only blank lines)");
        return events;
    }

    /** {@code text/plain}: each line is an event; a line that is a JSON object is read as a structured event. */
    static List<IncomingEvent> textLines(byte[] body, String defaultSource) {
        List<IncomingEvent> events = new ArrayList<>();
        forEachLine(body, (line, start, end) -> {
            checkCount(events.size() + 1);
            IncomingEvent event = null;
            if (body[start] == '{') {
                try (JsonParser p = JSON.createParser(body, start, end - start)) {
                    JsonNode node = JSON.readTree(p);
                    if (p.nextToken() == null) event = EventFields.fromNode(node, "line " + line, defaultSource);
                } catch (JacksonException notJson) {
                    // a plain line that happens to start with a brace
                }
            }
            if (event == null) {
                event = new IncomingEvent(new String(body, start, end - start, StandardCharsets.UTF_8), defaultSource, null, "line " + line);
            }
            events.add(event);
        });
        if (events.isEmpty()) throw ApiException.badRequest("empty-body", "The body holds no events (only blank lines)");
        return events;
    }

    interface LineHandler {
        void line(int lineNumber, int start, int end);
    }

    /** Calls back for every non-blank line with its 1-based number and byte range (CR/LF and edges trimmed). */
    static void forEachLine(byte[] body, LineHandler handler) {
        int line = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                line++;
                int s = start;
                int e = i;
                while (s < e && isSpace(body[s])) s++;
                while (e > s && isSpace(body[e - 1])) e--;
                if (e > s) handler.line(line, s, e);
                start = i + 1;
            }
        }
    }

    static void checkCount(int count) {
        if (count > IngestLimits.MAX_EVENTS) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too-many-events",
                    "A request may carry at most " + IngestLimits.MAX_EVENTS + " events; split the batch")
                    .with("limit_events", IngestLimits.MAX_EVENTS);
        }
    }

    /** Several top-level values separated by newlines: JSON lines under an application/json label. */
    private static boolean looksLikeJsonLines(byte[] body, int first) {
        if (body[first] != '{') return false;
        try (JsonParser p = JSON.createParser(body)) {
            JSON.readTree(p);
            return p.nextToken() != null;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static int firstNonWhitespace(byte[] b) {
        for (int i = 0; i < b.length; i++) if (!isSpace(b[i])) return i;
        return -1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    static ApiException malformed(String position, String why) {
        return ApiException.badRequest("malformed-event", "Malformed " + position + ": " + why).with("position", position);
    }

    private static ApiException malformedJson(JacksonException e, String position) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        ApiException ex = ApiException.badRequest("malformed-json", "Malformed " + position + ": not valid JSON" + where
                + " (" + shortReason(e) + ")").with("position", position);
        if (loc != null) ex.with("line", loc.getLineNr());
        return ex;
    }

    /** Jackson's own first sentence, with any quoted input replaced: the input may hold PII. */
    static String shortReason(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) return "syntax error";
        int cut = m.indexOf('\n');
        m = cut > 0 ? m.substring(0, cut) : m;
        m = m.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        return m.length() > 160 ? m.substring(0, 160) : m;
    }
}
