package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StoredEventsTest extends IngestTestBase {

    private List<JsonNode> all(String scenario, String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response r = api.get("/api/v1/scenarios/" + scenario + "/logs?" + query + "&limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(items::add);
            cursor = r.json().get("next_cursor").isNull() ? null : r.json().get("next_cursor").asString();
        } while (cursor != null);
        return items;
    }

    @Test
    void cursorPagesWalkEveryEventOnceInEitherOrder() {
        String s = runningScenario();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 40; i++) b.append("{\"message\":\"").append("x".repeat(i % 13 + 1)).append(" #").append(i).append("\"}\n");
        ingest(s, "application/x-ndjson", b.toString());
        ingest(s, "text/plain", "late one\nlate two");

        List<JsonNode> newest = all(s, "sort_by=received_at&sort_order=desc");
        List<JsonNode> bySize = all(s, "sort_by=size_bytes&sort_order=desc");
        List<JsonNode> smallest = all(s, "sort_by=size_bytes&sort_order=asc");

        assertThat(newest).hasSize(42);
        assertThat(new HashSet<>(newest.stream().map(n -> n.get("id").asLong()).toList())).hasSize(42);
        assertThat(newest.getFirst().get("preview").asString()).startsWith("late");
        assertThat(bySize).hasSize(42);
        assertThat(bySize.stream().map(n -> n.get("size_bytes").asInt()).toList()).isSortedAccordingTo((x, y) -> y - x);
        assertThat(smallest.stream().map(n -> n.get("size_bytes").asInt()).toList()).isSorted();
        JsonNode one = newest.getFirst();
        assertThat(one.get("message_hash").asString()).hasSize(64);
        assertThat(one.has("received_at")).isTrue();
        assertThat(one.has("sqs_blocks")).isTrue();
    }

    @Test
    void filtersBySourcePiiAndTime() {
        String s = runningScenario();
        ingest(s, "application/x-ndjson", """
                {"message":"contact bob@example.com","source":"crm"}
                {"message":"ssn 123-45-6789 and bob@example.com","source":"hr"}
                {"message":"nothing here","source":"crm"}
                """);

        assertThat(all(s, "source=crm")).hasSize(2);
        assertThat(all(s, "has_pii=true")).hasSize(2);
        assertThat(all(s, "has_pii=false")).hasSize(1);
        assertThat(all(s, "pii_type=us_ssn")).singleElement()
                .satisfies(n -> assertThat(n.get("preview").asString()).contains("<SSN>").doesNotContain("123-45-6789"));
        assertThat(all(s, "pii_type=email&source=crm")).hasSize(1);
        assertThat(all(s, "from=2000-01-01&to=2001-01-01")).isEmpty();
        assertThat(all(s, "from=2000-01-01")).hasSize(3);
    }

    @Test
    void badParametersAre400AndUnknownScenario404() {
        String s = runningScenario();
        String base = "/api/v1/scenarios/" + s + "/logs?";
        for (String q : List.of("limit=0", "limit=501", "sort_by=message", "sort_order=up", "pii_type=password",
                "has_pii=maybe", "from=yesterday", "cursor=%25%25%25", "cursor=Zm9v")) {
            Api.Response r = api.get(base + q);
            assertThat(r.status()).as(q + " → " + r).isEqualTo(400);
        }
        // a cursor of one sort order is refused for another
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) b.append("e").append(i).append('\n');
        ingest(s, "text/plain", b.toString());
        String cursor = api.get(base + "limit=2&sort_by=size_bytes").json().get("next_cursor").asString();
        assertThat(api.get(base + "limit=2&sort_by=received_at&cursor=" + cursor).code()).isEqualTo("invalid-cursor");
        assertThat(api.get("/api/v1/scenarios/" + UUID.randomUUID() + "/logs").status()).isEqualTo(404);
    }
}
