package io.mockupaws.insights;

import io.mockupaws.platform.jobs.RecurringTask;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rolls closed hours of {@code scenario_metrics} up into {@code scenario_metrics_hourly} (see migration V8), every
 * minute in the server. An hour is closed once it ended more than {@link #GRACE} ago: ingest writes the minute it
 * receives events in, so a closed hour no longer changes. Each scenario advances in its own transaction under an
 * advisory lock, at most {@link #STEP} at a time, so several instances and a long backlog are both fine. Readers
 * never depend on it for correctness: what is not rolled up is read from the raw minutes.
 *
 * <p>A recurring task every minute; an instance skips the runs of its first
 * {@code mockupaws.insights.rollup-initial-delay} (20 s: start-up is busy enough), which a benchmark lengthens to
 * measure reads from the raw minutes alone.
 */
@Component
public class HourlyRollup implements RecurringTask {

    static final Duration GRACE = Duration.ofMinutes(5);
    static final Duration STEP = Duration.ofDays(31);
    private static final Logger log = LoggerFactory.getLogger(HourlyRollup.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Instant firstRun;

    HourlyRollup(JdbcClient jdbc, TransactionTemplate tx,
                 @Value("${mockupaws.insights.rollup-initial-delay:PT20S}") Duration initialDelay) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.firstRun = Instant.now().plus(initialDelay);
    }

    @Override
    public String id() {
        return "insights-hourly-rollup";
    }

    @Override
    public String cron() {
        return "* * * * *";
    }

    @Override
    public String description() {
        return "Roll closed hours of scenario_metrics up into scenario_metrics_hourly";
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        if (now.isBefore(firstRun)) return;
        int hours = rollUp(now);
        if (hours > 0) log.debug("Rolled up {} scenario-hours of metrics", hours);
    }

    /** Rolls every hour that ended before {@code now − GRACE}; returns the number of hourly rows written. */
    public int rollUp(Instant now) {
        Instant target = now.minus(GRACE).truncatedTo(ChronoUnit.HOURS);
        List<UUID> pending = jdbc.sql("""
                        SELECT s.id FROM scenarios s LEFT JOIN scenario_metrics_rollup r ON r.scenario_id = s.id
                        WHERE EXISTS (SELECT 1 FROM scenario_metrics m WHERE m.scenario_id = s.id
                                        AND m.minute >= coalesce(r.rolled_until, '-infinity') AND m.minute < :target)""")
                .param("target", Timestamp.from(target)).query(UUID.class).list();
        int written = 0;
        for (UUID id : pending) {
            Integer n;
            do {
                n = tx.execute(status -> step(id, target));
                written += n == null ? 0 : n;
            } while (n != null && n >= 0 && !caughtUp(id, target));
        }
        return written;
    }

    private boolean caughtUp(UUID id, Instant target) {
        return jdbc.sql("SELECT rolled_until >= :target FROM scenario_metrics_rollup WHERE scenario_id = :id")
                .param("id", id).param("target", Timestamp.from(target)).query(Boolean.class).optional().orElse(true);
    }

    /** One step of one scenario: [rolled_until, min(target, rolled_until + STEP)); -1 when the scenario is gone. */
    private int step(UUID id, Instant target) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('mockupaws:rollup:' || :id))").param("id", id.toString())
                .query(Object.class).single();
        Instant since = jdbc.sql("SELECT rolled_until FROM scenario_metrics_rollup WHERE scenario_id = :id")
                .param("id", id).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional()
                .orElseGet(() -> firstHour(id));
        if (since == null) return -1; // no traffic (any more)
        if (!since.isBefore(target)) return 0;
        Instant until = since.plus(STEP).isBefore(target) ? since.plus(STEP) : target;
        jdbc.sql("DELETE FROM scenario_metrics_hourly WHERE scenario_id = :id AND hour >= :since AND hour < :until")
                .param("id", id).param("since", Timestamp.from(since)).param("until", Timestamp.from(until)).update();
        int rows = jdbc.sql(ROLL_UP).param("id", id).param("since", Timestamp.from(since))
                .param("until", Timestamp.from(until)).update();
        int state = jdbc.sql("""
                        INSERT INTO scenario_metrics_rollup (scenario_id, rolled_until)
                        SELECT :id, :until WHERE EXISTS (SELECT 1 FROM scenarios WHERE id = :id)
                        ON CONFLICT (scenario_id) DO UPDATE SET rolled_until = EXCLUDED.rolled_until""")
                .param("id", id).param("until", Timestamp.from(until)).update();
        return state == 0 ? -1 : rows;
    }

    private Instant firstHour(UUID id) {
        return jdbc.sql("SELECT date_trunc('hour', min(minute), 'UTC') FROM scenario_metrics WHERE scenario_id = :id")
                .param("id", id).query((rs, n) -> {
                    Timestamp t = rs.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                }).single();
    }

    /** Shards summed per minute first (the per-minute arrays feed ceil(N/b) and the duration model), then per hour. */
    private static final String ROLL_UP = """
            INSERT INTO scenario_metrics_hourly (scenario_id, hour, events, bytes, sqs_blocks, sqs_send_requests,
                input_tokens, chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone, pii_ipv4, pii_ipv6,
                pii_iban, pii_aws_access_key, pii_jwt, pii_private_key, minute_events, minute_bytes, minute_chars)
            SELECT :id, date_trunc('hour', minute, 'UTC'), sum(events), sum(bytes), sum(blocks),
                   ARRAY[sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)]::bigint[],
                   sum(tokens), sum(chars), sum(pii_events), sum(pii_email), sum(pii_us_ssn), sum(pii_payment_card),
                   sum(pii_phone), sum(pii_ipv4), sum(pii_ipv6), sum(pii_iban), sum(pii_aws_access_key), sum(pii_jwt),
                   sum(pii_private_key),
                   array_agg(events ORDER BY minute), array_agg(bytes ORDER BY minute), array_agg(chars ORDER BY minute)
            FROM (SELECT minute, sum(events)::bigint AS events, sum(bytes)::bigint AS bytes, sum(sqs_blocks) AS blocks,
                         sum(sqs_send_requests[1]) AS s1, sum(sqs_send_requests[2]) AS s2, sum(sqs_send_requests[3]) AS s3,
                         sum(sqs_send_requests[4]) AS s4, sum(sqs_send_requests[5]) AS s5, sum(sqs_send_requests[6]) AS s6,
                         sum(sqs_send_requests[7]) AS s7, sum(sqs_send_requests[8]) AS s8, sum(sqs_send_requests[9]) AS s9,
                         sum(sqs_send_requests[10]) AS s10, sum(input_tokens) AS tokens, sum(chars)::bigint AS chars,
                         sum(pii_events) AS pii_events, sum(pii_email) AS pii_email, sum(pii_us_ssn) AS pii_us_ssn,
                         sum(pii_payment_card) AS pii_payment_card, sum(pii_phone) AS pii_phone, sum(pii_ipv4) AS pii_ipv4,
                         sum(pii_ipv6) AS pii_ipv6, sum(pii_iban) AS pii_iban, sum(pii_aws_access_key) AS pii_aws_access_key,
                         sum(pii_jwt) AS pii_jwt, sum(pii_private_key) AS pii_private_key
                  FROM scenario_metrics
                  WHERE scenario_id = :id AND minute >= :since AND minute < :until
                  GROUP BY minute) m
            GROUP BY date_trunc('hour', minute, 'UTC')""";
}
