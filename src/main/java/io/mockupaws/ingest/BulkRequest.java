package io.mockupaws.ingest;

import io.mockupaws.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * The Elasticsearch {@code _bulk} body as Logstash's and Fluent Bit's Elasticsearch outputs send it: an action
 * line ({@code index}, {@code create}, {@code update}, {@code delete}) followed, except for deletes, by the
 * document. The scenario of each document comes from its action's {@code _index} when that names a scenario id
 * (an index name containing the UUID, e.g. {@code mockupaws-<uuid>}), else from the request's default.
 */
record BulkRequest(List<Item> items) {

    private static final Pattern UUID_IN_INDEX = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    /** One action; {@code event} is null for a delete (nothing to simulate). */
    record Item(String action, String index, String id, UUID scenarioId, IncomingEvent event) {}

    static BulkRequest parse(byte[] body, UUID defaultScenario, String defaultIndex, String defaultSource) {
        List<int[]> lines = new ArrayList<>();
        EventDecoder.forEachLine(body, (line, start, end) -> lines.add(new int[] {line, start, end}));
        List<Item> items = new ArrayList<>();
        int documents = 0;
        for (int i = 0; i < lines.size(); i++) {
            int[] a = lines.get(i);
            JsonNode action = readObject(body, a, "action");
            if (action.size() != 1) throw EventDecoder.malformed("line " + a[0], "an action line names exactly one action");
            String type = action.propertyNames().iterator().next();
            JsonNode meta = action.get(type);
            if (!meta.isObject()) throw EventDecoder.malformed("line " + a[0], "the action's metadata must be an object");
            String index = meta.hasNonNull("_index") ? meta.get("_index").asString() : defaultIndex;
            String id = meta.hasNonNull("_id") ? meta.get("_id").asString() : null;
            if (type.equals("delete")) {
                items.add(new Item(type, index, id, null, null));
                continue;
            }
            if (!type.equals("index") && !type.equals("create") && !type.equals("update")) {
                throw EventDecoder.malformed("line " + a[0], "unknown bulk action '" + type + "'");
            }
            if (++i >= lines.size()) throw EventDecoder.malformed("line " + a[0], "the " + type + " action has no document line");
            int[] d = lines.get(i);
            JsonNode doc = readObject(body, d, "document");
            if (type.equals("update")) doc = doc.hasNonNull("doc") ? doc.get("doc") : doc.path("upsert");
            if (!doc.isObject()) throw EventDecoder.malformed("line " + d[0], "the update carries no 'doc' object");
            EventDecoder.checkCount(++documents);
            UUID scenario = scenarioOf(index, defaultScenario);
            if (scenario == null) {
                throw EventDecoder.malformed("line " + a[0], "no scenario: name it in X-Scenario-ID or as the action's _index")
                        .with("line", a[0]);
            }
            items.add(new Item(type, index, id, scenario, EventFields.fromNode(doc, "line " + d[0], defaultSource)));
        }
        if (documents == 0) throw ApiException.badRequest("empty-body", "The bulk body holds no documents");
        return new BulkRequest(items);
    }

    private static UUID scenarioOf(String index, UUID defaultScenario) {
        if (index != null) {
            Matcher m = UUID_IN_INDEX.matcher(index);
            if (m.find()) return UUID.fromString(m.group(1));
        }
        return defaultScenario;
    }

    private static JsonNode readObject(byte[] body, int[] line, String what) {
        try (JsonParser p = EventDecoder.JSON.createParser(body, line[1], line[2] - line[1])) {
            JsonNode node = EventDecoder.JSON.readTree(p);
            if (!node.isObject() || p.nextToken() != null) {
                throw EventDecoder.malformed("line " + line[0], "the " + what + " line must be one JSON object").with("line", line[0]);
            }
            return node;
        } catch (JacksonException e) {
            throw EventDecoder.malformed("line " + line[0], "the " + what + " line is not valid JSON ("
                    + EventDecoder.shortReason(e) + ")").with("line", line[0]);
        }
    }
}
