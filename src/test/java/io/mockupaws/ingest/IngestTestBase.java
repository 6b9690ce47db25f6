package io.mockupaws.ingest;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Ingest tests send as a log shipper does: with {@link #ingestKey}, an API key of the scenario's owner with scope ingest. */
abstract class IngestTestBase extends ApiTest {

    protected String ingestKey;

    @org.junit.jupiter.api.BeforeEach
    void shipperKey() {
        ingestKey = apiKey(owner, "ingest");
    }

    protected String runningScenario() {
        String id = createScenario("ingest", "us-east-1");
        api.post("/api/v1/scenarios/" + id + "/start");
        return id;
    }

    protected Api.Response send(String path, String scenarioHeader, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (scenarioHeader != null) b.header("X-Scenario-ID", scenarioHeader);
        boolean credentials = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            credentials |= headers[i].equalsIgnoreCase("X-API-Key") || headers[i].equalsIgnoreCase("Authorization");
        }
        if (!credentials) b.header("X-API-Key", ingestKey);
        return anonymous.send(b);
    }

    protected Api.Response ingest(String scenario, String contentType, String body, String... headers) {
        return send("/ingest", scenario, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    protected long storedEvents(String scenario) {
        return jdbc.sql("SELECT count(*) FROM scenario_logs WHERE scenario_id = :s").param("s", UUID.fromString(scenario))
                .query(Long.class).single();
    }

    protected long metric(String scenario, String column) {
        return jdbc.sql("SELECT coalesce(sum(" + column + "), 0) FROM scenario_metrics WHERE scenario_id = :s")
                .param("s", UUID.fromString(scenario)).query(Long.class).single();
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] deflate(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
                d.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
