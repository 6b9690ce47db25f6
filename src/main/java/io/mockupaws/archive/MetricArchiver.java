package io.mockupaws.archive;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Aggregates per-minute metrics older than the policy into one row per scenario and UTC day in
 * {@code scenario_metrics_archive}, keeping the per-minute events, bytes and characters as arrays so every figure
 * insights derive (invocations per minute, the duration model, a token re-estimate) is unchanged.
 *
 * <p>A batch is whole days of one scenario, about {@code batchSize} minute rows: one transaction deletes the minute
 * rows and inserts their days ({@code WITH moved AS (DELETE ... RETURNING *) INSERT ... SELECT ... GROUP BY day}), and
 * deletes the hourly rollup rows of those days, which would otherwise be counted a second time. It holds the
 * rollup's per-scenario advisory lock, so the rollup cannot re-derive an hour from minutes this batch is moving.
 */
@Component
class MetricArchiver implements TableArchiver {

    private static final Logger log = LoggerFactory.getLogger(MetricArchiver.class);
    /** The lock insights' HourlyRollup takes per scenario (its key, by contract: see HourlyRollup.step). */
    private static final String ROLLUP_LOCK = "mockupaws:rollup:";

    private static final String PII = "pii_email, pii_us_ssn, pii_payment_card, pii_phone, pii_ipv4, pii_ipv6, pii_iban,"
            + " pii_aws_access_key, pii_jwt, pii_private_key";

    /** Shards summed per minute, then minutes per UTC day: the same shape as the hourly rollup, per day. */
    private static final String MOVE = """
            WITH moved AS (
                DELETE FROM scenario_metrics WHERE scenario_id = :id AND minute < :end RETURNING *
            ), m AS (
                SELECT minute, sum(events)::bigint AS events, sum(bytes)::bigint AS bytes, sum(sqs_blocks)::bigint AS blocks,
                       sum(sqs_send_requests[1]) AS s1, sum(sqs_send_requests[2]) AS s2, sum(sqs_send_requests[3]) AS s3,
                       sum(sqs_send_requests[4]) AS s4, sum(sqs_send_requests[5]) AS s5, sum(sqs_send_requests[6]) AS s6,
                       sum(sqs_send_requests[7]) AS s7, sum(sqs_send_requests[8]) AS s8, sum(sqs_send_requests[9]) AS s9,
                       sum(sqs_send_requests[10]) AS s10, sum(input_tokens)::bigint AS tokens, sum(chars)::bigint AS chars,
                       sum(pii_events)::bigint AS pii_events, sum(pii_email) AS pii_email, sum(pii_us_ssn) AS pii_us_ssn,
                       sum(pii_payment_card) AS pii_payment_card, sum(pii_phone) AS pii_phone, sum(pii_ipv4) AS pii_ipv4,
                       sum(pii_ipv6) AS pii_ipv6, sum(pii_iban) AS pii_iban, sum(pii_aws_access_key) AS pii_aws_access_key,
                       sum(pii_jwt) AS pii_jwt, sum(pii_private_key) AS pii_private_key
                FROM moved GROUP BY minute
            ), ins AS (
                INSERT INTO scenario_metrics_archive AS a (scenario_id, day, minutes, first_minute, last_minute, events, bytes,
                    sqs_blocks, sqs_send_requests, input_tokens, chars, pii_events, %1$s, minute_events, minute_bytes,
                    minute_chars)
                SELECT :id, date_trunc('day', minute, 'UTC'), count(*), min(minute), max(minute), sum(events), sum(bytes),
                       sum(blocks),
                       ARRAY[sum(s1), sum(s2), sum(s3), sum(s4), sum(s5), sum(s6), sum(s7), sum(s8), sum(s9), sum(s10)]::bigint[],
                       sum(tokens), sum(chars), sum(pii_events), sum(pii_email), sum(pii_us_ssn), sum(pii_payment_card),
                       sum(pii_phone), sum(pii_ipv4), sum(pii_ipv6), sum(pii_iban), sum(pii_aws_access_key), sum(pii_jwt),
                       sum(pii_private_key),
                       array_agg(events ORDER BY minute), array_agg(bytes ORDER BY minute), array_agg(chars ORDER BY minute)
                FROM m GROUP BY date_trunc('day', minute, 'UTC')
                -- Batches are whole days, so a day arrives once. Should minutes of an archived day turn up later (only
                -- a hand-written row could), they are added to it rather than lost or refused.
                ON CONFLICT (scenario_id, day) DO UPDATE SET
                    minutes = a.minutes + EXCLUDED.minutes,
                    first_minute = least(a.first_minute, EXCLUDED.first_minute),
                    last_minute = greatest(a.last_minute, EXCLUDED.last_minute),
                    events = a.events + EXCLUDED.events, bytes = a.bytes + EXCLUDED.bytes,
                    sqs_blocks = a.sqs_blocks + EXCLUDED.sqs_blocks,
                    sqs_send_requests = ARRAY(SELECT x + y FROM unnest(a.sqs_send_requests, EXCLUDED.sqs_send_requests)
                                              WITH ORDINALITY AS u(x, y, i) ORDER BY i),
                    input_tokens = a.input_tokens + EXCLUDED.input_tokens, chars = a.chars + EXCLUDED.chars,
                    pii_events = a.pii_events + EXCLUDED.pii_events,
                    pii_email = a.pii_email + EXCLUDED.pii_email, pii_us_ssn = a.pii_us_ssn + EXCLUDED.pii_us_ssn,
                    pii_payment_card = a.pii_payment_card + EXCLUDED.pii_payment_card,
                    pii_phone = a.pii_phone + EXCLUDED.pii_phone, pii_ipv4 = a.pii_ipv4 + EXCLUDED.pii_ipv4,
                    pii_ipv6 = a.pii_ipv6 + EXCLUDED.pii_ipv6, pii_iban = a.pii_iban + EXCLUDED.pii_iban,
                    pii_aws_access_key = a.pii_aws_access_key + EXCLUDED.pii_aws_access_key,
                    pii_jwt = a.pii_jwt + EXCLUDED.pii_jwt, pii_private_key = a.pii_private_key + EXCLUDED.pii_private_key,
                    minute_events = a.minute_events || EXCLUDED.minute_events,
                    minute_bytes = a.minute_bytes || EXCLUDED.minute_bytes,
                    minute_chars = a.minute_chars || EXCLUDED.minute_chars,
                    archived_at = now()
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM moved) AS rows, (SELECT coalesce(sum(pg_column_size(moved.*)), 0) FROM moved) AS bytes,
                   (SELECT count(*) FROM ins) AS days""".formatted(PII);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    MetricArchiver(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public ArchiveTable table() {
        return ArchiveTable.METRICS;
    }

    @Override
    public ArchivePlan plan(Instant cutoff) {
        return jdbc.sql("""
                        SELECT count(*) AS rows, coalesce(sum(pg_column_size(m.*)), 0) AS bytes,
                               count(DISTINCT (scenario_id, date_trunc('day', minute, 'UTC'))) AS days,
                               count(DISTINCT scenario_id) AS scenarios
                        FROM scenario_metrics m WHERE minute < :cutoff""")
                .param("cutoff", Timestamp.from(cutoff))
                .query((rs, n) -> new ArchivePlan(table().jobType(), table().table(), table().archiveTable(), 0, cutoff,
                        rs.getLong("rows"), rs.getLong("bytes"), 0, "minute rows of " + rs.getLong("scenarios")
                        + " scenario(s) into " + rs.getLong("days") + " daily row(s)"))
                .single();
    }

    @Override
    public void archive(Instant cutoff, int batchSize, Progress progress) {
        List<UUID> scenarios = jdbc.sql("""
                        SELECT s.id FROM scenarios s
                        WHERE EXISTS (SELECT 1 FROM scenario_metrics m WHERE m.scenario_id = s.id AND m.minute < :cutoff)
                        ORDER BY s.id""")
                .param("cutoff", Timestamp.from(cutoff)).query(UUID.class).list();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        long rows = 0;
        for (UUID id : scenarios) {
            try {
                rows += archiveScenario(id, cutoff, batchSize, progress);
            } catch (RuntimeException e) {
                if (!exists(id)) continue; // deleted while being archived: its metrics went with it
                log.warn("Archiving the metrics of scenario {} failed: {}", id, Errors.describe(e));
                failures.add("scenario " + id + ": " + Errors.describe(e));
            }
        }
        if (rows > 0) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            log.info("Aggregated {} minute rows of {} scenario(s) into daily rows: {} s, {} rows/s", rows, scenarios.size(),
                    String.format("%.2f", seconds), Math.round(rows / seconds));
        }
        if (!failures.isEmpty()) throw new ArchiveException(String.join("; ", failures));
    }

    /** @return the minute rows moved */
    private long archiveScenario(UUID id, Instant cutoff, int batchSize, Progress progress) {
        long[] rows = new long[1];
        while (true) {
            // the day after the batchSize-th minute row: whole days, so a day's minutes are aggregated together
            Instant end = jdbc.sql("""
                            SELECT date_trunc('day', minute, 'UTC') + interval '1 day' FROM scenario_metrics
                            WHERE scenario_id = :id AND minute < :cutoff ORDER BY minute OFFSET :skip LIMIT 1""")
                    .param("id", id).param("cutoff", Timestamp.from(cutoff)).param("skip", batchSize - 1)
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional().orElse(cutoff);
            Instant until = end.isAfter(cutoff) ? cutoff : end;
            tx.executeWithoutResult(status -> {
                jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))").param("key", ROLLUP_LOCK + id)
                        .query(Object.class).single();
                jdbc.sql("SET LOCAL work_mem = '128MB'").update();
                // as for events: a batch lost after its commit rolls back whole and the rerun moves it again
                jdbc.sql("SET LOCAL synchronous_commit = off").update();
                jdbc.sql("DELETE FROM scenario_metrics_hourly WHERE scenario_id = :id AND hour < :until")
                        .param("id", id).param("until", Timestamp.from(until)).update();
                long[] moved = jdbc.sql(MOVE).param("id", id).param("end", Timestamp.from(until))
                        .query((rs, n) -> new long[] {rs.getLong("rows"), rs.getLong("bytes")}).single();
                progress.batch(moved[0], moved[1]);
                rows[0] += moved[0];
            });
            if (!until.isBefore(cutoff)) return rows[0];
        }
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM scenarios WHERE id = :id)").param("id", id).query(Boolean.class).single();
    }
}
