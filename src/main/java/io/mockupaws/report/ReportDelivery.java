package io.mockupaws.report;

import io.mockupaws.platform.mail.Mail;
import io.mockupaws.platform.mail.Mailer;
import io.mockupaws.ratelimit.RateLimit;
import io.mockupaws.ratelimit.RateLimitDecision;
import io.mockupaws.ratelimit.RateLimiter;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import io.mockupaws.storage.ObjectStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Mails a scheduled report to each recipient of its schedule, one message each (recipients do not see each other):
 * attached when it is at most {@code MOCKUPAWS_REPORT_ATTACHMENT_MAX_MB}, otherwise as a link of the recipient's own
 * that downloads it without signing in until it expires. At most {@code MOCKUPAWS_MAIL_RATE_LIMIT} mails a minute
 * leave, across instances when Redis holds the bucket: a delivery over the rate waits for its turn. A retried
 * delivery skips whoever already has the report.
 */
@Component
class ReportDelivery {

    static final String LINK_PREFIX = "rl_";
    static final Pattern LINK_TOKEN = Pattern.compile("rl_[A-Za-z0-9_-]{43}");
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.US).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReportRepository reports;
    private final ScheduleRepository schedules;
    private final DeliveryRepository deliveries;
    private final ScenarioService scenarios;
    private final ObjectStore store;
    private final Mailer mailer;
    private final RateLimiter limiter;
    private final RateLimit rate;
    private final ReportSettings settings;
    private final String publicUrl;

    ReportDelivery(ReportRepository reports, ScheduleRepository schedules, DeliveryRepository deliveries,
                   ScenarioService scenarios, ObjectStore store, Mailer mailer, RateLimiter limiter, ReportSettings settings,
                   @Value("${mockupaws.public-url:}") String publicUrl) {
        this.reports = reports;
        this.schedules = schedules;
        this.deliveries = deliveries;
        this.scenarios = scenarios;
        this.store = store;
        this.mailer = mailer;
        this.limiter = limiter;
        this.rate = RateLimit.perMinute(settings.mailPerMinute());
        this.settings = settings;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** @param lastAttempt no retry follows: say so on the schedule rather than leave it to the next one */
    void deliver(UUID reportId, boolean lastAttempt) throws InterruptedException {
        Report r = reports.find(reportId).orElse(null);
        if (r == null || r.scheduleId() == null) return; // deleted since
        Schedule s = schedules.find(r.scheduleId(), null).orElse(null);
        if (s == null) return; // nobody to mail any more
        if (!r.completed()) {
            if (Report.FAILED.equals(r.status())) {
                schedules.error(s.id(), "report " + r.id() + " failed: " + r.error());
                return;
            }
            throw new IllegalStateException("report " + r.id() + " is " + r.status() + ", not completed yet");
        }
        if (!mailer.configured()) {
            schedules.error(s.id(), "report " + r.id() + " was not mailed: no SMTP server is configured (MOCKUPAWS_SMTP_HOST)");
            return;
        }
        Scenario scenario = scenarios.getOwnedBy(null, r.scenarioId());
        String filename = ReportService.filename(r, scenario);
        boolean attach = r.sizeBytes() <= settings.attachmentMaxBytes();
        Set<String> served = deliveries.recipients(reportId);
        try {
            for (String to : s.definition().recipients()) {
                if (served.contains(to.toLowerCase(Locale.ROOT))) continue;
                awaitTurn();
                if (attach) {
                    mailer.send(new Mail(to, subject(s, scenario), text(s, r, scenario, filename, null, null),
                            List.of(new Mail.Attachment(filename, r.format().contentType, () -> store.get(r.objectKey())))));
                    if (!deliveries.attached(reportId, to)) return; // the report was deleted meanwhile
                } else {
                    String token = LINK_PREFIX + random();
                    Instant expires = Instant.now().plus(settings.linkValidity());
                    mailer.send(new Mail(to, subject(s, scenario), text(s, r, scenario, filename, token, expires)));
                    if (!deliveries.linked(reportId, to, sha256(token), expires)) return;
                }
            }
        } catch (Mailer.MailFailure e) {
            schedules.error(s.id(), "mailing report " + r.id() + (lastAttempt ? " failed: " : " failed, retrying: ") + e.getMessage());
            throw e;
        }
    }

    /** Takes a token of the mail bucket, waiting for one (up to two minutes, then the job is retried later). */
    private void awaitTurn() throws InterruptedException {
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (true) {
            RateLimitDecision d = limiter.consume("mail:reports:" + rate.capacity(), rate);
            if (d.allowed()) return;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the report mail rate (" + rate.capacity() + " a minute) stayed exhausted for "
                        + LONGEST_WAIT.toMinutes() + " minutes");
            }
            Thread.sleep(Duration.ofSeconds(Math.max(1, d.retryAfterSeconds())).toMillis());
        }
    }

    private static String subject(Schedule s, Scenario scenario) {
        return clean("mockupAWS " + s.definition().frequency().wire + " report: " + scenario.name());
    }

    private String text(Schedule s, Report r, Scenario scenario, String filename, String token, Instant expires) {
        StringBuilder t = new StringBuilder();
        t.append("Hello,\n\n");
        t.append("this is the ").append(s.definition().frequency().wire).append(" mockupAWS report of the scenario \"")
                .append(clean(scenario.name())).append("\" (").append(scenario.region()).append("), covering ")
                .append(WHEN.format(r.periodFrom())).append(" to ").append(WHEN.format(r.periodTo())).append(".\n\n");
        if (token == null) {
            t.append("It is attached: ").append(filename).append(" (").append(size(r.sizeBytes())).append(").\n");
        } else {
            String path = "/api/v1/report-links/" + token;
            t.append("It is ").append(size(r.sizeBytes())).append(", too large to attach. Download it, without signing in, ")
                    .append("until ").append(WHEN.format(expires)).append(":\n\n  ")
                    .append(publicUrl.isEmpty() ? path + "  (on your mockupAWS server)" : publicUrl + path).append("\n\n")
                    .append("The link is yours alone: do not forward this mail.\n");
        }
        t.append("\nYou receive this mail because you are a recipient of the report schedule ").append(s.id())
                .append(". Its owner can change or delete it (/api/v1/report-schedules/").append(s.id()).append(").\n\n")
                .append("-- \nmockupAWS\n");
        return t.toString();
    }

    private static String size(long bytes) {
        if (bytes < 1000) return bytes + " bytes";
        if (bytes < 1_000_000) return String.format(Locale.US, "%.0f KB", bytes / 1000.0);
        return String.format(Locale.US, "%.1f MB", bytes / 1_000_000.0);
    }

    /** A scenario name is the user's text: no line breaks or control characters in a header. */
    private static String clean(String s) {
        return s.replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
