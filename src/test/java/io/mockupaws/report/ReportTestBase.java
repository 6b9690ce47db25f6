package io.mockupaws.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Report tests run the whole server with its background job server (JobRunr, polling every 5 s) on a database of
 * their own — recurring jobs are registered there, and must not run in the other tests' database — and mail to a
 * real SMTP server in this JVM (GreenMail), started once for every report test class, so they share one context.
 * Reports up to 10 kB are attached (a CSV), larger ones linked (a PDF, with its embedded fonts); 6 report mails a minute.
 */
@TestPropertySource(properties = {
        "mockupaws.scheduling.enabled=true",
        "mockupaws.database.embedded-name=mockupaws_reports_test",
        "mockupaws.backup.full-cron=-", "mockupaws.backup.base-cron=-", "mockupaws.backup.cleanup-cron=-",
        "mockupaws.backup.verify-cron=-",
        "mockupaws.smtp.starttls=false", "mockupaws.smtp.from=reports@mockupaws.test",
        "mockupaws.public-url=https://mockupaws.example.test",
        "mockupaws.reports.attachment-max-bytes=10000",
        "mockupaws.reports.mail-per-minute=6"})
abstract class ReportTestBase extends ApiTest {

    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("mockupaws.smtp.host", () -> "127.0.0.1");
        registry.add("mockupaws.smtp.port", () -> SMTP.getSmtp().getPort());
    }

    /** A running scenario of {@code as}, and an ingest key of its owner. */
    protected record Traffic(String scenario, Api shipper) {}

    protected Traffic runningScenario(TestUser as, String name, String region) {
        Api.Response created = as.api().post("/api/v1/scenarios", "{\"name\":" + json(name) + ",\"description\":"
                + json("Checkout service logs through the standard pipeline") + ",\"region\":\"" + region + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(as.api().post("/api/v1/scenarios/" + id + "/start").status()).isEqualTo(200);
        return new Traffic(id, anonymous.withApiKey(apiKey(as, "ingest")));
    }

    protected void ingest(Traffic t, String ndjson) {
        Api.Response r = t.shipper().send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", t.scenario())
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Polls the report until it is completed or failed (the job server polls every 5 s). */
    protected JsonNode awaitReport(Api as, String reportId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode r = as.get("/api/v1/reports/" + reportId).json();
            String status = r.get("status").asString();
            if (status.equals("completed") || status.equals("failed")) return r;
            assertThat(System.nanoTime()).as("report " + reportId + " still " + status + " after 90 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** GET as bytes, with the user's access token (null: anonymous). */
    protected HttpResponse<byte[]> bytes(TestUser as, String path) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path)).GET();
            if (as != null) b.header("Authorization", "Bearer " + as.accessToken());
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(String s) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(s);
    }
}
