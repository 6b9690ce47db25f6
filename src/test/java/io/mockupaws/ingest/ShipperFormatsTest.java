package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each shipper's format, as that shipper sends it, lands as profiled events with the right message, source and time. */
class ShipperFormatsTest extends IngestTestBase {

    private record Row(String source, Instant eventTime, String preview, int sizeBytes) {}

    private List<Row> rows(String scenario) {
        return jdbc.sql("SELECT source, event_time, preview, size_bytes FROM scenario_logs WHERE scenario_id = :s ORDER BY received_at, id")
                .param("s", UUID.fromString(scenario))
                .query((rs, n) -> new Row(rs.getString(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getInt(4))).list();
    }

    @Test
    void curlSingleEventAnswersWithItsProfileAndTotals() {
        String s = runningScenario();

        Api.Response r = ingest(s, "application/json", "{\"message\":\"user logged in\",\"source\":\"auth\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("scenario_id").asString()).isEqualTo(s);
        assertThat(body.get("tokenizer").asString()).isEqualTo("cl100k_base");
        assertThat(body.at("/totals/events").asLong()).isEqualTo(1);
        assertThat(body.at("/totals/bytes").asLong()).isEqualTo("user logged in".length());
        JsonNode e = body.at("/events/0");
        assertThat(e.get("size_bytes").asInt()).isEqualTo(14);
        assertThat(e.get("sqs_blocks").asInt()).isEqualTo(1);
        assertThat(e.get("token_count").asInt()).isEqualTo(3);
        assertThat(e.get("message_hash").asString())
                .isEqualTo(java.util.HexFormat.of().formatHex(sha256("user logged in")));
        assertThat(rows(s)).singleElement().satisfies(row -> {
            assertThat(row.source()).isEqualTo("auth");
            assertThat(row.preview()).isEqualTo("user logged in");
        });
    }

    @Test
    void logstashHttpOutputJsonAndJsonBatch() {
        String s = runningScenario();
        // Logstash http output, format => "json": one event per request, ECS host object, @timestamp
        String event = """
                {"@timestamp":"2026-11-24T10:15:30.123Z","@version":"1","message":"GET /api/cart 200 12ms",
                 "host":{"name":"web-01"},"event":{"original":"GET /api/cart 200 12ms"}}""";
        assertThat(ingest(s, "application/json", event).status()).isEqualTo(200);
        // format => "json_batch": an array of events
        String batch = """
                [{"@timestamp":"2026-11-24T10:15:31Z","message":"a","host":{"name":"web-02"}},
                 {"@timestamp":"2026-11-24T10:15:32Z","message":"b","host":{"name":"web-02"}}]""";
        Api.Response r = ingest(s, "application/json", batch);

        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().has("events")).as("no per-event detail for batches unless asked").isFalse();
        assertThat(rows(s)).extracting(Row::source).containsExactly("web-01", "web-02", "web-02");
        assertThat(rows(s).getFirst().eventTime()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
        assertThat(rows(s).getFirst().preview()).isEqualTo("GET /api/cart 200 12ms");
    }

    @Test
    void fluentBitHttpOutputJsonAndJsonLines() {
        String s = runningScenario();
        // Fluent Bit http output, format json: array of records, time under "date" as epoch seconds
        String json = """
                [{"date":1764000000.25,"log":"level=info msg=\\"order placed\\"","kubernetes":{"pod_name":"orders-7d"}},
                 {"date":1764000001.5,"log":"level=warn msg=\\"slow\\""}]""";
        assertThat(ingest(s, "application/json", json).status()).isEqualTo(200);
        // format json_lines: one object per line (Fluent Bit labels it application/json or x-ndjson)
        String lines = "{\"date\":1764000002,\"log\":\"line one\"}\n{\"date\":1764000003,\"log\":\"line two\"}\n";
        assertThat(ingest(s, "application/json", lines).json().get("accepted").asInt()).isEqualTo(2);
        assertThat(ingest(s, "application/x-ndjson", lines).json().get("accepted").asInt()).isEqualTo(2);

        List<Row> rows = rows(s);
        assertThat(rows).hasSize(6);
        assertThat(rows.getFirst().preview()).isEqualTo("level=info msg=\"order placed\"");
        assertThat(rows.getFirst().eventTime()).isEqualTo(Instant.parse("2025-11-24T16:00:00.250Z"));
        assertThat(rows.get(2).preview()).isEqualTo("line one");
    }

    @Test
    void plainTextAndJsonlWithSourceHeaderAndMessageFallbacks() {
        String s = runningScenario();
        assertThat(ingest(s, "text/plain; charset=utf-8", "first line\n\n  second line  \r\n{\"msg\":\"structured\"}\n",
                "X-Source", "syslog").json().get("accepted").asInt()).isEqualTo(3);
        assertThat(ingest(s, "application/jsonl", "{\"level\":\"info\",\"n\":1}\n{\"message\":{\"nested\":true}}",
                "X-Source", "app").json().get("accepted").asInt()).isEqualTo(2);

        assertThat(rows(s)).extracting(Row::preview).containsExactly(
                "first line", "second line", "structured", "{\"level\":\"info\",\"n\":1}", "{\"nested\":true}");
        assertThat(rows(s)).extracting(Row::source).containsOnly("syslog", "app");
    }

    @Test
    void gzipAndDeflateBodies() {
        String s = runningScenario();
        byte[] body = "[{\"message\":\"zipped one\"},{\"message\":\"zipped two\"}]".getBytes(StandardCharsets.UTF_8);

        Api.Response gz = send("/ingest", s, "application/json", gzip(body), "Content-Encoding", "gzip");
        Api.Response df = send("/ingest", s, "application/json", deflate(body), "Content-Encoding", "deflate");

        assertThat(gz.status()).as(gz.toString()).isEqualTo(200);
        assertThat(df.status()).as(df.toString()).isEqualTo(200);
        assertThat(storedEvents(s)).isEqualTo(4);
    }

    @Test
    void pathEndpointAndDetailFlag() {
        String s = runningScenario();
        Api.Response r = send("/api/v1/scenarios/" + s + "/ingest?detail=true", null, "application/x-ndjson",
                "{\"message\":\"a\"}\n{\"message\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("events").size()).isEqualTo(2);
    }

    @Test
    void elasticsearchBulkAsFluentBitAndLogstashSendIt() {
        String a = runningScenario();
        String b = runningScenario();
        // Fluent Bit es output: create actions, the index names the scenario
        String fluentBit = """
                {"create":{"_index":"mockupaws-%s"}}
                {"@timestamp":"2026-11-24T10:00:00.000Z","log":"fb one","stream":"stdout"}
                {"create":{"_index":"mockupaws-%s"}}
                {"@timestamp":"2026-11-24T10:00:01.000Z","log":"fb two","stream":"stdout"}
                """.formatted(a, b);
        Api.Response r = send("/ingest/_bulk", null, "application/x-ndjson", fluentBit.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(r.json().get("errors").asBoolean()).isFalse();
        assertThat(r.json().at("/items/0/create/status").asInt()).isEqualTo(201);
        assertThat(r.json().at("/items/1/create/_index").asString()).isEqualTo("mockupaws-" + b);
        assertThat(storedEvents(a)).isEqualTo(1);
        assertThat(storedEvents(b)).isEqualTo(1);

        // Logstash elasticsearch output: index actions into a plain index name, scenario from the header
        String logstash = """
                {"index":{"_index":"logs-2026.11.24","_id":"abc"}}
                {"@timestamp":"2026-11-24T10:00:02Z","message":"ls one","host":{"name":"ls-host"}}
                {"delete":{"_index":"logs-2026.11.24","_id":"old"}}
                """;
        Api.Response ls = send("/ingest/_bulk", a, "application/json", logstash.getBytes(StandardCharsets.UTF_8));
        assertThat(ls.status()).as(ls.toString()).isEqualTo(200);
        assertThat(ls.json().at("/items/0/index/_id").asString()).isEqualTo("abc");
        assertThat(ls.json().at("/items/1/delete/status").asInt()).isEqualTo(404);
        assertThat(storedEvents(a)).isEqualTo(2);
        assertThat(rows(a).getLast().source()).isEqualTo("ls-host");

        Api.Response root = anonymous.get("/ingest");
        assertThat(root.json().at("/version/number").asString()).startsWith("8.");
    }

    @Test
    void otlpJsonAsTheCollectorSendsIt() {
        String s = runningScenario();
        String otlp = """
                {"resourceLogs":[{"resource":{"attributes":[
                    {"key":"service.name","value":{"stringValue":"checkout"}},
                    {"key":"mockupaws.scenario.id","value":{"stringValue":"%s"}}]},
                  "scopeLogs":[{"scope":{"name":"app"},"logRecords":[
                    {"timeUnixNano":"1764000000000000000","severityText":"INFO","body":{"stringValue":"otlp json one"}},
                    {"observedTimeUnixNano":"1764000001000000000","body":{"kvlistValue":{"values":[
                        {"key":"event","value":{"stringValue":"paid"}},{"key":"amount","value":{"intValue":"42"}}]}}}
                  ]}]}]}""".formatted(s);

        Api.Response r = send("/v1/logs", null, "application/json", otlp.getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Row> rows = rows(s);
        assertThat(rows).extracting(Row::preview).containsExactly("otlp json one", "{\"event\":\"paid\",\"amount\":42}");
        assertThat(rows).extracting(Row::source).containsOnly("checkout");
        assertThat(rows.getFirst().eventTime()).isEqualTo(Instant.ofEpochSecond(1764000000L));
    }

    @Test
    void theOfficialOpenTelemetryJavaExporterCanSendToIt() throws Exception {
        String byAttribute = runningScenario();
        String byHeader = runningScenario();

        export(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "payments",
                AttributeKey.stringKey("mockupaws.scenario.id"), byAttribute)), null, "none", 3);
        export(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "billing")), byHeader, "gzip", 2);

        assertThat(storedEvents(byAttribute)).isEqualTo(3);
        assertThat(storedEvents(byHeader)).isEqualTo(2);
        assertThat(rows(byAttribute)).extracting(Row::source).containsOnly("payments");
        // the processor exports each record on its own, so they may arrive in any order
        assertThat(rows(byHeader)).extracting(Row::preview).containsExactlyInAnyOrder("otel record 0", "otel record 1");
        assertThat(rows(byHeader)).extracting(Row::eventTime).containsOnly(Instant.parse("2026-11-24T09:00:00Z"));
    }

    private void export(Resource resource, String scenarioHeader, String compression, int records) throws Exception {
        var exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://127.0.0.1:" + port + "/v1/logs").setCompression(compression);
        exporter.addHeader("X-API-Key", ingestKey);
        if (scenarioHeader != null) exporter.addHeader("X-Scenario-ID", scenarioHeader);
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter.build())).build()) {
            for (int i = 0; i < records; i++) {
                provider.get("shipper-test").logRecordBuilder().setBody("otel record " + i).setSeverity(Severity.INFO)
                        .setTimestamp(Instant.parse("2026-11-24T09:00:00Z")).emit();
            }
            assertThat(provider.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
    }
}
