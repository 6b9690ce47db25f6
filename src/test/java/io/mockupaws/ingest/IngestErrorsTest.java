package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Every bad request is refused with the right status and names the culprit; nothing of it is stored. */
class IngestErrorsTest extends IngestTestBase {

    private void assertProblem(Api.Response r, int status, String code, String scenario) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        if (scenario != null) assertThat(storedEvents(scenario)).isZero();
    }

    @Test
    void scenarioMustExistBeNamedAndBeRunning() {
        assertProblem(ingest(UUID.randomUUID().toString(), "application/json", "{\"message\":\"x\"}"), 404, "scenario-not-found", null);
        assertProblem(ingest(null, "application/json", "{\"message\":\"x\"}"), 400, "missing-scenario-id", null);
        assertProblem(ingest("not-a-uuid", "application/json", "{\"message\":\"x\"}"), 400, "invalid-scenario-id", null);

        String draft = createScenario("draft", "us-east-1");
        Api.Response r = ingest(draft, "application/json", "{\"message\":\"x\"}");
        assertProblem(r, 409, "scenario-not-running", draft);
        assertThat(r.json().get("current_status").asString()).isEqualTo("draft");

        String done = runningScenario();
        api.post("/api/v1/scenarios/" + done + "/stop");
        assertProblem(ingest(done, "application/json", "{\"message\":\"x\"}"), 409, "scenario-not-running", done);
    }

    @Test
    void unsupportedMediaTypesAndEncodings() {
        String s = runningScenario();
        assertProblem(ingest(s, "application/xml", "<log/>"), 415, "unsupported-media-type", s);
        assertProblem(ingest(s, null, "{\"message\":\"x\"}"), 415, "unsupported-media-type", s);
        assertProblem(ingest(s, "application/json", "{\"message\":\"x\"}", "Content-Encoding", "br"), 415,
                "unsupported-content-encoding", s);
        assertProblem(send("/v1/logs", s, "text/plain", "x".getBytes()), 415, "unsupported-media-type", s);
    }

    @Test
    void emptyAndMalformedBodiesNameTheLine() {
        String s = runningScenario();
        assertProblem(ingest(s, "application/json", ""), 400, "empty-body", s);
        assertProblem(ingest(s, "application/json", "[]"), 400, "empty-body", s);
        assertProblem(ingest(s, "application/x-ndjson", "\n\n  \n"), 400, "empty-body", s);
        assertProblem(ingest(s, "application/json", "{\"message\": "), 400, "malformed-json", s);
        assertProblem(ingest(s, "application/json", "[{\"message\":\"ok\"}, {\"message\": broken}]"), 400, "malformed-json", s);

        Api.Response line = ingest(s, "application/x-ndjson", "{\"message\":\"ok\"}\n{\"message\":\"ok\"}\n{not json}\n");
        assertProblem(line, 400, "malformed-event", s);
        assertThat(line.json().get("line").asInt()).isEqualTo(3);
        assertThat(line.json().get("detail").asString()).contains("line 3");

        assertProblem(send("/ingest", s, "application/json", "not gzip at all".getBytes(), "Content-Encoding", "gzip"),
                400, "malformed-body", s);
        assertProblem(send("/v1/logs", s, "application/x-protobuf", new byte[] {(byte) 0xff, 0x01, 0x02}), 400, "malformed-otlp", s);
        assertProblem(send("/ingest/_bulk", s, "application/x-ndjson", "{\"index\":{}}\n".getBytes()), 400, "malformed-event", s);
        assertProblem(send("/ingest/_bulk", null, "application/x-ndjson", "{\"index\":{\"_index\":\"plain\"}}\n{\"message\":\"x\"}\n".getBytes()),
                400, "malformed-event", null);
    }

    @Test
    void oneBadEventInABatchStoresNoneAndIsNamed() {
        String s = runningScenario();
        String huge = "x".repeat(1024 * 1024 + 1);
        Api.Response r = ingest(s, "application/json", "[{\"message\":\"fine\"},{\"message\":\"" + huge + "\"}]");

        assertProblem(r, 422, "event-too-large", s);
        assertThat(r.json().get("position").asString()).isEqualTo("event 1");
        assertThat(metric(s, "events")).isZero();
        // exactly 1 MiB is SQS's maximum, and accepted
        assertThat(ingest(s, "text/plain", "y".repeat(1024 * 1024)).status()).isEqualTo(200);
        // multi-byte characters count in UTF-8 bytes: 524,289 two-byte characters are over the limit
        assertProblem(ingest(s, "text/plain", "é".repeat(524_289)), 422, "event-too-large", null);
    }

    @Test
    void tooManyEventsOrBytesIs413() {
        String s = runningScenario();
        String tooMany = "{\"message\":\"e\"}\n".repeat(10_001);
        assertProblem(ingest(s, "application/x-ndjson", tooMany), 413, "too-many-events", s);
        assertThat(ingest(s, "application/x-ndjson", "{\"message\":\"e\"}\n".repeat(10_000)).status()).isEqualTo(200);

        // a declared 16 MiB + 1 body is refused from its headers, before any of it is uploaded
        String s2 = runningScenario();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /ingest HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nX-API-Key: " + ingestKey
                    + "\r\nX-Scenario-ID: " + s2
                    + "\r\nContent-Length: " + (16 * 1024 * 1024 + 1) + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(storedEvents(s2)).isZero();
    }

    @Test
    void aBodyWithoutContentLengthIsReadWholeAndStillLimited() throws Exception {
        // chunked, as shippers that stream their batches send it: read to the end, every chunk
        String s = runningScenario();
        String status = chunked(s, out -> {
            for (int i = 0; i < 3; i++) chunk(out, ("{\"message\":\"streamed " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
        });
        assertThat(status).startsWith("HTTP/1.1 200");
        assertThat(storedEvents(s)).isEqualTo(3);

        // and past 16 MiB it is refused while reading, with nothing stored
        String big = runningScenario();
        byte[] line = ("{\"message\":\"" + "x".repeat(1000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
        String refused = chunked(big, out -> {
            for (long sent = 0; sent <= 16L * 1024 * 1024; sent += line.length) chunk(out, line);
        });
        assertThat(refused).startsWith("HTTP/1.1 413");
        assertThat(storedEvents(big)).isZero();
    }

    private interface Chunks {
        void write(java.io.OutputStream out) throws java.io.IOException;
    }

    private static void chunk(java.io.OutputStream out, byte[] data) throws java.io.IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** POSTs NDJSON to /ingest with Transfer-Encoding: chunked (no Content-Length); returns the status line. */
    private String chunked(String scenario, Chunks body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            var out = new java.io.BufferedOutputStream(socket.getOutputStream());
            out.write(("POST /ingest HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\nX-API-Key: "
                    + ingestKey + "\r\nX-Scenario-ID: " + scenario + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // the server may answer (and stop reading) before the body is all sent: write on another thread
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    body.write(out);
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException refusedMidway) {
                    // the answer below says why
                }
            });
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            writer.join(30_000);
            return statusLine;
        }
    }

    @Test
    void aGzipBombStopsAtSixtyFourMebibytesDecompressed() throws Exception {
        String s = runningScenario();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 65; i++) gz.write(zeros);
        }
        assertThat(out.size()).isLessThan(1024 * 1024); // tiny on the wire

        Api.Response r = send("/ingest", s, "text/plain", out.toByteArray(), "Content-Encoding", "gzip");

        assertProblem(r, 413, "payload-too-large", s);
        assertThat(r.json().get("detail").asString()).contains("decompressed");
    }

    @Test
    void otlpAndBulkWithoutScenarioAreRefused() {
        String otlp = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":{\"stringValue\":\"x\"}}]}]}]}";
        assertProblem(send("/v1/logs", null, "application/json", otlp.getBytes(StandardCharsets.UTF_8)), 400, "missing-scenario-id", null);
        assertProblem(send("/v1/logs", null, "application/json", "{\"resourceLogs\":[]}".getBytes()), 400, "empty-body", null);
    }

    @Test
    void flushReturnsCountersAndChecksTheScenario() {
        String s = runningScenario();
        ingest(s, "text/plain", "a\nb\nc");
        Api.Response r = send("/flush", s, null, new byte[0]);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/totals/events").asLong()).isEqualTo(3);
        assertThat(r.json().at("/totals/requests").asLong()).isEqualTo(1);
        assertProblem(send("/flush", UUID.randomUUID().toString(), null, new byte[0]), 404, "scenario-not-found", null);
    }
}
