package io.mockupaws.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Report schedules: their API (validation, tenancy, audit), and delivery for real — the dispatcher finds the due
 * schedule, a JobRunr job generates the report, another mails it through SMTP (GreenMail) to each recipient,
 * attached or, too large, linked; at most so many mails a minute.
 */
class ReportSchedulesTest extends ReportTestBase {

    private static final Pattern LINK = Pattern.compile("https://mockupaws\\.example\\.test(/api/v1/report-links/rl_[A-Za-z0-9_-]{43})");

    @Autowired
    ScheduleDispatcher dispatcher;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    private String schedule(Api as, String scenario, String extra) {
        Api.Response r = as.post("/api/v1/report-schedules", "{\"scenario_id\":\"" + scenario + "\"" + extra + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("/api/v1/report-schedules/" + r.json().get("id").asString());
        return r.json().get("id").asString();
    }

    @Test
    void aScheduleIsCreatedReadChangedAndDeletedWithItsNextRunAtTheLocalHour() {
        String scenario = createScenario("weekly", "us-east-1");
        String id = schedule(api, scenario, ",\"frequency\":\"weekly\",\"day\":1,\"hour\":8,\"timezone\":\"Europe/Rome\","
                + "\"format\":\"pdf\",\"recipients\":[\"Ops@Example.com\",\"ops@example.com\",\"cfo@example.com\"]");
        JsonNode s = api.get("/api/v1/report-schedules/" + id).json();
        assertThat(s.get("recipients")).as("duplicates dropped, whatever their case").hasSize(2);
        assertThat(s.get("enabled").asBoolean()).isTrue();
        var next = Instant.parse(s.get("next_run_at").asString()).atZone(ZoneId.of("Europe/Rome"));
        assertThat(next.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(next.getHour()).isEqualTo(8);
        assertThat(next.toInstant()).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(7)));

        JsonNode sameCalendar = api.put("/api/v1/report-schedules/" + id, "{\"recipients\":[\"cfo@example.com\"]}").json();
        assertThat(sameCalendar.get("next_run_at").asString()).isEqualTo(s.get("next_run_at").asString());
        assertThat(sameCalendar.get("format").asString()).as("kept").isEqualTo("pdf");
        JsonNode daily = api.put("/api/v1/report-schedules/" + id, "{\"frequency\":\"daily\",\"hour\":23,\"timezone\":\"Asia/Tokyo\"}").json();
        assertThat(daily.get("day").isNull()).as("a weekday means nothing daily").isTrue();
        var dailyNext = Instant.parse(daily.get("next_run_at").asString()).atZone(ZoneId.of("Asia/Tokyo"));
        assertThat(dailyNext.getHour()).isEqualTo(23);
        assertThat(dailyNext.toInstant()).isBefore(Instant.now().plus(Duration.ofDays(1)));

        assertThat(api.get("/api/v1/report-schedules").json().get("total").asLong()).isEqualTo(1);
        assertThat(api.delete("/api/v1/report-schedules/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/report-schedules/" + id).code()).isEqualTo("report-schedule-not-found");
        List<Map<String, Object>> audit = jdbc.sql("SELECT action, details::text AS details FROM audit_log WHERE resource_id = :id ORDER BY id")
                .param("id", id).query().listOfRows();
        assertThat(audit).extracting(r -> r.get("action")).containsExactly("report-schedule.created", "report-schedule.updated",
                "report-schedule.updated", "report-schedule.deleted");
        assertThat(audit).extracting(r -> String.valueOf(r.get("details"))).noneMatch(d -> d.contains("@example.com"));
    }

    @Test
    void badSchedulesAreRefusedWithAStableCodeAndWriteNothing() {
        String scenario = createScenario("s", "us-east-1");
        String ok = ",\"frequency\":\"daily\",\"hour\":7,\"format\":\"csv\",\"recipients\":[\"a@example.com\"]";
        expect("", "invalid-schedule-frequency", "frequency", scenario);
        expect(ok.replace("\"hour\":7", "\"hour\":24"), "invalid-schedule-hour", "hour", scenario);
        expect(ok.replace("\"hour\":7,", ""), "invalid-schedule-hour", "hour", scenario);
        expect(ok.replace("daily", "hourly"), "invalid-schedule-frequency", "frequency", scenario);
        expect(ok + ",\"day\":3", "invalid-schedule-day", "day", scenario);
        expect(ok.replace("daily", "weekly"), "invalid-schedule-day", "day", scenario);
        expect(ok.replace("daily", "weekly") + ",\"day\":8", "invalid-schedule-day", "day", scenario);
        expect(ok.replace("daily", "monthly") + ",\"day\":29", "invalid-schedule-day", "day", scenario);
        expect(ok + ",\"timezone\":\"Mars/Olympus_Mons\"", "invalid-timezone", "timezone", scenario);
        expect(ok + ",\"timezone\":\"+02:00\"", "invalid-timezone", "timezone", scenario);
        expect(ok + ",\"timezone\":\"CET\"", "invalid-timezone", "timezone", scenario);
        expect(ok.replace("csv", "xlsx"), "unsupported-report-format", "format", scenario);
        expect(ok.replace("[\"a@example.com\"]", "[]"), "invalid-recipient", "recipients", scenario);
        expect(ok.replace("[\"a@example.com\"]", "[\"a@example.com\",\"not an address\",\"b@example\"]"), "invalid-recipient",
                "recipients[1]", scenario);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 21; i++) many.append(i == 0 ? "" : ",").append("\"r").append(i).append("@example.com\"");
        expect(ok.replace("[\"a@example.com\"]", many + "]"), "too-many-recipients", "recipients", scenario);
        Api.Response noScenario = api.post("/api/v1/report-schedules", "{" + ok.substring(1) + "}");
        assertThat(noScenario.code()).isEqualTo("invalid-schedule");
        assertThat(api.post("/api/v1/report-schedules", "{\"scenario_id\":\"" + UUID.randomUUID() + "\"" + ok + "}").code())
                .isEqualTo("scenario-not-found");
        assertThat(jdbc.sql("SELECT count(*) FROM report_schedules").query(Long.class).single()).isZero();

        String id = schedule(api, scenario, ok);
        Api.Response badUpdate = api.put("/api/v1/report-schedules/" + id, "{\"hour\":-1}");
        assertThat(badUpdate.code()).isEqualTo("invalid-schedule-hour");
        assertThat(api.get("/api/v1/report-schedules/" + id).json().get("hour").asInt()).isEqualTo(7);
    }

    @Test
    void anotherUsersSchedulesAreNotFoundAndAUserHasAtMostFifty() {
        String scenario = createScenario("mine", "us-east-1");
        String ok = ",\"frequency\":\"daily\",\"hour\":7,\"format\":\"csv\",\"recipients\":[\"a@example.com\"]";
        String id = schedule(api, scenario, ok);
        TestUser stranger = newUser("stranger");
        assertThat(stranger.api().get("/api/v1/report-schedules/" + id).code()).isEqualTo("report-schedule-not-found");
        assertThat(stranger.api().put("/api/v1/report-schedules/" + id, "{\"hour\":1}").code()).isEqualTo("report-schedule-not-found");
        assertThat(stranger.api().delete("/api/v1/report-schedules/" + id).code()).isEqualTo("report-schedule-not-found");
        assertThat(stranger.api().get("/api/v1/report-schedules").json().get("total").asLong()).isZero();
        assertThat(stranger.api().post("/api/v1/report-schedules", "{\"scenario_id\":\"" + scenario + "\"" + ok + "}").code())
                .isEqualTo("scenario-not-found");
        assertThat(api.get("/api/v1/report-schedules/" + id).json().get("hour").asInt()).isEqualTo(7);

        for (int i = 1; i < 50; i++) schedule(api, scenario, ok);
        Api.Response full = api.post("/api/v1/report-schedules", "{\"scenario_id\":\"" + scenario + "\"" + ok + "}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.code()).isEqualTo("schedule-limit-reached");
        assertThat(api.get("/api/v1/report-schedules?page_size=10&page=5").json().get("items")).hasSize(10);
    }

    @Test
    void aDueScheduleMailsItsReportAttachedToEachRecipient() throws Exception {
        Traffic t = runningScenario(owner, "Checkout — prod", "us-east-1");
        ingest(t, "{\"message\":\"GET /cart 200\",\"source\":\"web\"}\n".repeat(20));
        String id = schedule(api, t.scenario(), ",\"frequency\":\"daily\",\"hour\":6,\"timezone\":\"America/New_York\","
                + "\"format\":\"csv\",\"recipients\":[\"cfo@example.com\",\"ops@example.com\"]");
        String idle = schedule(api, t.scenario(), ",\"frequency\":\"daily\",\"hour\":6,\"format\":\"csv\",\"enabled\":false,"
                + "\"recipients\":[\"nobody@example.com\"]");
        Instant due = dueYesterday(id);
        dueYesterday(idle);

        dispatcher.run();

        List<MimeMessage> mails = awaitMails(2);
        Map<String, MimeMessage> byRecipient = new TreeMap<>();
        for (MimeMessage m : mails) byRecipient.put(m.getRecipients(Message.RecipientType.TO)[0].toString(), m);
        assertThat(byRecipient.keySet()).as("one mail each, no one sees the other").containsExactly("cfo@example.com", "ops@example.com");
        MimeMessage mail = byRecipient.get("cfo@example.com");
        assertThat(mail.getSubject()).isEqualTo("mockupAWS daily report: Checkout — prod");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("reports@mockupaws.test");
        Part attachment = attachment(mail);
        assertThat(attachment.getFileName()).matches("mockupaws-checkout-prod-\\d{4}-\\d{2}-\\d{2}-[0-9a-f]{8}\\.csv");
        assertThat(attachment.getContentType()).startsWith("text/csv");
        String csv = new String(attachment.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("record,start,end,events");
        assertThat(text(mail)).contains("daily mockupAWS report", "It is attached", "report schedule " + id);

        JsonNode s = api.get("/api/v1/report-schedules/" + id).json();
        UUID report = UUID.fromString(s.get("last_report_id").asString());
        Map<String, Object> row = jdbc.sql("SELECT period_from, period_to, schedule_id, owner_id FROM reports WHERE id = :id")
                .param("id", report).query().singleRow();
        Instant latest = latestRun(due, id);
        assertThat(((Timestamp) row.get("period_to")).toInstant()).as("the latest run's day").isEqualTo(latest);
        assertThat(((Timestamp) row.get("period_from")).toInstant())
                .isEqualTo(latest.atZone(ZoneId.of("America/New_York")).minusDays(1).toInstant());
        assertThat(row.get("owner_id")).isEqualTo(owner.id());
        assertThat(Instant.parse(s.get("next_run_at").asString())).isAfter(Instant.now());
        assertThat(s.get("last_error").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT recipient FROM report_deliveries WHERE report_id = :r AND delivered = 'attached' ORDER BY 1")
                .param("r", report).query(String.class).list()).containsExactly("cfo@example.com", "ops@example.com");
        assertThat(jdbc.sql("SELECT count(*) FROM reports WHERE schedule_id = :s").param("s", UUID.fromString(idle))
                .query(Long.class).single()).as("a disabled schedule does not run").isZero();

        dispatcher.run();
        Thread.sleep(300);
        assertThat(SMTP.getReceivedMessages()).as("ran once: the next run is tomorrow").hasSize(2);
    }

    @Test
    void aReportTooLargeToAttachIsMailedAsALinkOfTheRecipientsOwn() throws Exception {
        Traffic t = runningScenario(owner, "Large", "us-east-1");
        ingest(t, "{\"message\":\"GET /cart 200\",\"source\":\"web\"}\n".repeat(5));
        String id = schedule(api, t.scenario(), ",\"frequency\":\"monthly\",\"day\":1,\"hour\":0,\"format\":\"pdf\","
                + "\"recipients\":[\"board@example.com\"]");
        dueYesterday(id);
        dispatcher.run();

        MimeMessage mail = awaitMails(1).getFirst();
        assertThat(mail.getContent()).as("no attachment").isInstanceOf(String.class);
        Matcher link = LINK.matcher(text(mail));
        assertThat(link.find()).as(text(mail)).isTrue();
        assertThat(text(mail)).contains("too large to attach", "do not forward");

        HttpResponse<byte[]> pdf = bytes(null, link.group(1));
        assertThat(pdf.statusCode()).as("no sign-in needed").isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        UUID report = UUID.fromString(api.get("/api/v1/report-schedules/" + id).json().get("last_report_id").asString());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.body())))
                .isEqualTo(api.get("/api/v1/reports/" + report).json().get("sha256").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM report_deliveries WHERE report_id = :r AND link_token_hash IS NOT NULL")
                .param("r", report).query(Long.class).single()).as("stored as a hash").isEqualTo(1);

        assertThat(anonymous.get("/api/v1/report-links/rl_" + "A".repeat(43)).code()).isEqualTo("report-link-not-found");
        assertThat(anonymous.get("/api/v1/report-links/nonsense").code()).isEqualTo("report-link-not-found");
        jdbc.sql("UPDATE report_deliveries SET link_expires_at = now() - interval '1 second' WHERE report_id = :r").param("r", report).update();
        assertThat(anonymous.get(link.group(1)).code()).as("expired").isEqualTo("report-link-not-found");
    }

    @Test
    void reportMailLeavesAtMostSoManyAMinute() throws Exception {
        Traffic t = runningScenario(owner, "Popular", "us-east-1");
        ingest(t, "{\"message\":\"GET /cart 200\",\"source\":\"web\"}\n");
        List<String> recipients = new ArrayList<>();
        for (int i = 1; i <= 8; i++) recipients.add("\"reader" + i + "@example.com\"");
        String id = schedule(api, t.scenario(), ",\"frequency\":\"daily\",\"hour\":0,\"format\":\"csv\",\"recipients\":["
                + String.join(",", recipients) + "]");
        dueYesterday(id);
        dispatcher.run();

        awaitMails(6);
        Instant sixth = Instant.now();
        Thread.sleep(4000);
        assertThat(SMTP.getReceivedMessages()).as("6 a minute: the 7th waits for its token (10 s)").hasSize(6);
        awaitMails(8);
        assertThat(Duration.between(sixth, Instant.now())).isGreaterThan(Duration.ofSeconds(12));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Makes the schedule due: its next run becomes its latest run before now, on its own calendar. */
    private Instant dueYesterday(String id) {
        Schedule s = schedules(id);
        Instant due = latestRun(Schedule.nextRun(s.definition(), Instant.now().minus(Duration.ofDays(40))), id);
        jdbc.sql("UPDATE report_schedules SET next_run_at = :t WHERE id = :id").param("t", Timestamp.from(due))
                .param("id", UUID.fromString(id)).update();
        return due;
    }

    private Instant latestRun(Instant due, String id) {
        Schedule s = schedules(id);
        Instant at = due;
        for (Instant n = Schedule.nextRun(s.definition(), at); !n.isAfter(Instant.now()); n = Schedule.nextRun(s.definition(), n)) at = n;
        return at;
    }

    private Schedule schedules(String id) {
        return jdbc.sql("SELECT * FROM report_schedules WHERE id = :id").param("id", UUID.fromString(id))
                .query(ScheduleRepository::map).single();
    }

    private void expect(String body, String code, String field, String scenario) {
        Api.Response r = api.post("/api/v1/report-schedules", "{\"scenario_id\":\"" + scenario + "\"" + body + "}");
        assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
        assertThat(r.code()).as(body + " → " + r).isEqualTo(code);
        assertThat(r.json().at("/errors/0/field").asString()).isEqualTo(field);
    }

    private static List<MimeMessage> awaitMails(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (SMTP.getReceivedMessages().length < n) {
            assertThat(System.nanoTime()).as(n + " mails within 90 s, had " + SMTP.getReceivedMessages().length).isLessThan(deadline);
            Thread.sleep(100);
        }
        return List.of(SMTP.getReceivedMessages());
    }

    private static Part attachment(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) return p;
        }
        throw new AssertionError("no attachment");
    }

    private static String text(MimeMessage m) throws Exception {
        Object content = m.getContent();
        if (content instanceof String s) return s;
        Multipart parts = (Multipart) content;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (p.isMimeType("text/plain") && p.getDisposition() == null) return (String) p.getContent();
            if (p.getContent() instanceof Multipart inner) {
                for (int j = 0; j < inner.getCount(); j++) {
                    if (inner.getBodyPart(j).isMimeType("text/plain")) return (String) inner.getBodyPart(j).getContent();
                }
            }
        }
        throw new AssertionError("no text part");
    }
}
