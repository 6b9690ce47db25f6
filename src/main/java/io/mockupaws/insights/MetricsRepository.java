package io.mockupaws.insights;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the insights over {@code scenario_metrics} (one row per scenario, minute and shard) and
 * {@code scenario_source_stats}.
 *
 * <p>Every aggregate first sums the shards of a minute, then applies the per-minute formulas that are not linear in
 * the events (invocations {@code ceil(N/b)}, the duration model's ceiling, a chars/N token estimate), then sums the
 * minutes per calendar month (UTC) and, for a time series, per bucket, in one pass ({@code GROUPING SETS}). So the
 * series always add up to the months, and nothing per minute leaves the database.
 *
 * <p>Where the data is final, pre-aggregated copies are read instead of the minutes, with identical results: closed
 * hours from the hourly rollup (V8), and for a daily or month-only aggregate, complete days from
 * {@code mv_scenario_daily_stats} (V15) when that view was computed with the same per-minute parameters; per-source
 * totals from {@code mv_source_analytics} when it provably holds every event of the scenario.
 *
 * <p>History past the metrics archive policy is in {@code scenario_metrics_archive}, one row per day with the same
 * per-minute arrays as the hourly rollup, read through {@code v_scenario_metrics_all} beside the rolled-up hours: the
 * totals and costs of a scenario are the same before and after archiving. An archived day has no finer time than
 * the day: it counts whole in a window its traffic overlaps, and sits in the bucket of its first minute in the window
 * (so an hourly or minute series shows an archived day as one point; a daily series is unchanged).
 */
@Repository
class MetricsRepository {

    /** Beyond any stored minute: an absent from/to still binds a value, so the planner keeps the index range scan. */
    static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

    static final List<String> PII_TYPES = List.of("email", "us_ssn", "payment_card", "phone", "ipv4", "ipv6", "iban",
            "aws_access_key", "jwt", "private_key");

    /**
     * What to aggregate and with which per-minute formulas.
     *
     * @param durationMs    fixed billed ms per invocation, or null with a duration model
     * @param charsPerToken null: the tokens counted at ingest; N: re-estimate as Σ per minute ceil(chars / N)
     * @param bucket        minute, hour, day or month for a time series; null for months only
     */
    record Query(UUID scenarioId, Instant from, Instant to, int batchSize, int sendBatchSize, Integer durationMs,
                 BigDecimal baseMs, BigDecimal perKbMs, Integer charsPerToken, String bucket) {}

    /** Sums of a calendar month ({@code month} true) or of a time-series bucket, starting at {@code start}. */
    record Row(boolean month, Instant start, long events, long bytes, long sqsBlocks, long sendRequests,
               long invocations, long billedMs, long inputTokens, long chars, long piiEvents, long[] piiByType) {}

    record Extent(Instant first, Instant last) {}

    record SourceRow(String source, long events, long bytes, long sqsBlocks, long inputTokens, long piiEvents) {}

    /**
     * What {@code mv_scenario_daily_stats} holds for a scenario: every day before {@code coveredUntil} (a day without
     * a row had no traffic), with invocations and billed ms computed per minute with these parameters.
     */
    record DailyCoverage(Instant coveredUntil, long batchSize, Long durationMs, BigDecimal baseMs, BigDecimal perKbMs) {

        /** Whether the view's per-minute figures are the ones {@code q} asks for (the rest is linear in any case). */
        boolean computedAs(Query q) {
            if (q.charsPerToken() != null || batchSize != q.batchSize()) return false;
            if (q.durationMs() != null) return baseMs == null && durationMs != null && durationMs == q.durationMs().longValue();
            return baseMs != null && baseMs.compareTo(q.baseMs()) == 0 && perKbMs.compareTo(q.perKbMs()) == 0;
        }
    }

    private final JdbcClient jdbc;

    MetricsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> aggregate(Query q) {
        Instant from = q.from() == null ? BEGINNING : q.from();
        Instant to = q.to() == null ? END : q.to();
        // whole hours inside [from, to) that the rollup holds come from it; the edges and the open hours from the raw
        // minutes. A minute series needs every minute, so it reads raw only.
        Instant rolledFrom = to;
        Instant rolledTo = to;
        if (!"minute".equals(q.bucket())) {
            Instant rolledUntil = jdbc.sql("SELECT rolled_until FROM scenario_metrics_rollup WHERE scenario_id = :id")
                    .param("id", q.scenarioId()).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional().orElse(null);
            Instant first = ceilHour(from);
            Instant last = rolledUntil == null || rolledUntil.isAfter(to) ? to.truncatedTo(ChronoUnit.HOURS) : rolledUntil;
            if (rolledUntil != null && first.isBefore(last)) {
                rolledFrom = first;
                rolledTo = last;
            }
        }
        // whole days inside the rolled hours that the daily view holds come from it (an hourly series needs hours)
        Instant daysFrom = rolledTo;
        Instant daysTo = rolledTo;
        if (rolledFrom.isBefore(rolledTo) && (q.bucket() == null || "day".equals(q.bucket()))) {
            DailyCoverage days = dailyCoverage(q.scenarioId());
            if (days != null && days.computedAs(q)) {
                Instant first = ceilDay(rolledFrom);
                Instant last = min(rolledTo.truncatedTo(ChronoUnit.DAYS), days.coveredUntil());
                if (first.isBefore(last)) {
                    daysFrom = first;
                    daysTo = last;
                }
            }
        }
        boolean series = q.bucket() != null;
        String pii = String.join(", ", PII_TYPES.stream().map(t -> "pii_" + t).toList());
        String piiSums = String.join(", ", PII_TYPES.stream().map(t -> "sum(pii_" + t + ")::bigint AS pii_" + t).toList());
        String bucket = series ? "date_trunc(:bucket, %s)" : "NULL::timestamp";
        // billed ms of a minute: L·duration, or L·ceil((base·L·1024 + per_kb·bytes) / (L·1024)) computed exactly with
        // integer div/mod (a numeric division would round before the ceiling)
        String modelled = "CASE WHEN %1$s = 0 THEN 0 ELSE %1$s * (div(:base * %1$s * 1024 + :perkb * %2$s, %1$s * 1024)"
                + " + CASE WHEN mod(:base * %1$s * 1024 + :perkb * %2$s, %1$s * 1024) > 0 THEN 1 ELSE 0 END) END";
        String minuteBilled = q.durationMs() != null ? "inv * :duration" : modelled.formatted("inv", "bytes");
        String hourBilled = q.durationMs() != null ? "inv * :duration"
                : "(SELECT sum(" + modelled.formatted("l", "b") + ") FROM (SELECT (e + :batch - 1) / :batch AS l, b"
                        + " FROM unnest(minute_events, minute_bytes) AS u(e, b)) z)";
        String minuteTokens = q.charsPerToken() == null ? "tokens" : "(chars + :cpt - 1) / :cpt";
        String hourTokens = q.charsPerToken() == null ? "input_tokens"
                : "(SELECT sum((c + :cpt - 1) / :cpt) FROM unnest(minute_chars) c)";
        String raw = "SELECT minute, events, bytes, sqs_blocks, sqs_send_requests[:send] AS send, input_tokens, chars,"
                + " pii_events, " + pii + " FROM scenario_metrics WHERE scenario_id = :id AND minute >= %s AND minute < %s";
        String sql = """
                WITH raw AS (
                    %s
                    UNION ALL
                    %s
                ), m AS (
                    SELECT minute AT TIME ZONE 'UTC' AS lm, sum(events)::bigint AS events, sum(bytes)::bigint AS bytes,
                           sum(sqs_blocks)::bigint AS blocks, sum(send)::bigint AS send,
                           sum(input_tokens)::bigint AS tokens, sum(chars)::bigint AS chars,
                           sum(pii_events)::bigint AS pii_events, %s
                    FROM raw GROUP BY minute
                ), minutes AS (
                    SELECT lm, events, bytes, blocks, send, chars, pii_events, %s,
                           (events + :batch - 1) / :batch AS inv, %s AS est_tokens
                    FROM m
                ), rolled AS (
                    SELECT * FROM scenario_metrics_hourly WHERE scenario_id = :id AND hour >= :rolled_from AND hour < :days_from
                    UNION ALL
                    SELECT * FROM scenario_metrics_hourly WHERE scenario_id = :id AND hour >= :days_to AND hour < :rolled_to
                ), hours AS (
                    SELECT hour AT TIME ZONE 'UTC' AS lh, events, bytes, sqs_blocks AS blocks,
                           sqs_send_requests[:send] AS send, chars, pii_events, %s, minute_events, minute_bytes,
                           (SELECT sum((e + :batch - 1) / :batch) FROM unnest(minute_events) e) AS inv, %s AS est_tokens
                    FROM rolled
                    UNION ALL
                    SELECT greatest(first_minute, :from) AT TIME ZONE 'UTC', events, bytes, sqs_blocks,
                           sqs_send_requests[:send], chars, pii_events, %s, minute_events, minute_bytes,
                           (SELECT sum((e + :batch - 1) / :batch) FROM unnest(minute_events) e), %s
                    FROM v_scenario_metrics_all
                    WHERE archived AND scenario_id = :id AND period_start > :day_before AND period_start < :to
                      AND last_minute >= :from AND first_minute < :to
                ), days AS (
                    SELECT day AT TIME ZONE 'UTC' AS ld, events, bytes, sqs_blocks AS blocks,
                           sqs_send_requests[:send] AS send, chars, pii_events, %s, invocations AS inv,
                           input_tokens AS est_tokens, billed_ms AS billed
                    FROM mv_scenario_daily_stats d WHERE scenario_id = :id AND day >= :days_from AND day < :days_to
                      -- a day archived since the view's last refresh is read from the archive above, never twice
                      AND NOT EXISTS (SELECT 1 FROM scenario_metrics_archive a
                                      WHERE a.scenario_id = :id AND a.day = d.day)
                ), w AS (
                    SELECT date_trunc('month', lm) AS month, %s AS bucket, events, bytes, blocks, send, chars,
                           pii_events, %s, inv, est_tokens, %s AS billed
                    FROM minutes
                    UNION ALL
                    SELECT date_trunc('month', lh), %s, events, bytes, blocks, send, chars,
                           pii_events, %s, inv, est_tokens, %s
                    FROM hours
                    UNION ALL
                    SELECT date_trunc('month', ld), %s, events, bytes, blocks, send, chars, pii_events, %s, inv,
                           est_tokens, billed
                    FROM days
                )
                SELECT %s AS is_bucket, month AT TIME ZONE 'UTC' AS month, bucket AT TIME ZONE 'UTC' AS bucket,
                       sum(events)::bigint AS events, sum(bytes)::bigint AS bytes, sum(blocks)::bigint AS blocks,
                       sum(send)::bigint AS send, sum(inv)::bigint AS inv, sum(billed)::bigint AS billed,
                       sum(est_tokens)::bigint AS tokens, sum(chars)::bigint AS chars,
                       sum(pii_events)::bigint AS pii_events, %s
                FROM w
                GROUP BY %s
                """.formatted(raw.formatted(":from", ":rolled_from"), raw.formatted(":rolled_to", ":to"), piiSums,
                pii, minuteTokens, pii, hourTokens, pii, hourTokens, pii,
                bucket.formatted("lm"), pii, minuteBilled, bucket.formatted("lh"), pii, hourBilled,
                bucket.formatted("ld"), pii,
                series ? "GROUPING(month) = 1" : "false", piiSums,
                series ? "GROUPING SETS ((month), (bucket))" : "month, bucket");
        var spec = jdbc.sql(sql)
                .param("id", q.scenarioId())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("day_before", Timestamp.from(from.minus(Duration.ofDays(1))))
                .param("rolled_from", Timestamp.from(rolledFrom))
                .param("rolled_to", Timestamp.from(rolledTo))
                .param("days_from", Timestamp.from(daysFrom))
                .param("days_to", Timestamp.from(daysTo))
                .param("send", q.sendBatchSize())
                .param("batch", (long) q.batchSize());
        if (q.durationMs() != null) spec = spec.param("duration", (long) q.durationMs());
        else spec = spec.param("base", q.baseMs()).param("perkb", q.perKbMs());
        if (q.charsPerToken() != null) spec = spec.param("cpt", (long) q.charsPerToken());
        if (series) spec = spec.param("bucket", q.bucket());
        return spec.query(MetricsRepository::row).list();
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(Duration.ofHours(1));
    }

    private static Instant ceilDay(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.DAYS);
        return floor.equals(t) ? t : floor.plus(Duration.ofDays(1));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The daily view's coverage of a scenario, or null when it holds none of its days (yet). */
    DailyCoverage dailyCoverage(UUID scenarioId) {
        return jdbc.sql("""
                        SELECT covered_until, batch_size, duration_ms, base_ms, per_kb_ms
                        FROM mv_scenario_daily_stats WHERE scenario_id = :id LIMIT 1""")
                .param("id", scenarioId)
                .query((rs, n) -> new DailyCoverage(instant(rs, "covered_until"), rs.getLong("batch_size"),
                        rs.getObject("duration_ms", Long.class), rs.getBigDecimal("base_ms"), rs.getBigDecimal("per_kb_ms")))
                .optional().orElse(null);
    }

    /**
     * First and last minute with traffic, live or archived (archived days keep theirs), or nulls. Rolled-up hours
     * count from their first to their last minute.
     */
    Extent extent(UUID scenarioId) {
        return jdbc.sql("""
                        SELECT least((SELECT min(first_minute) FROM v_scenario_metrics_all WHERE scenario_id = :id),
                                     (SELECT min(hour) FROM scenario_metrics_hourly WHERE scenario_id = :id)) AS first,
                               greatest((SELECT max(last_minute) FROM v_scenario_metrics_all WHERE scenario_id = :id),
                                        (SELECT max(hour) + interval '59 minutes' FROM scenario_metrics_hourly
                                         WHERE scenario_id = :id)) AS last""")
                .param("id", scenarioId)
                .query((rs, n) -> new Extent(instant(rs, "first"), instant(rs, "last"))).single();
    }

    /**
     * What changes whenever the scenario's stored traffic does: its running totals, which ingest updates in the same
     * transaction as the events (requests only ever grow), and the rollup row, which any other writer of a closed
     * hour updates by lowering rolled_until (see {@link HourlyRollup}). The rollup row is identified by its version
     * ({@code xmin}, the transaction that last wrote it), not by rolled_until, which comes back to the same value
     * once the hours are rolled again. Insights put the stamp in their cache keys, so a cached answer is never read
     * after a commit it does not include — on any instance, with no eviction to deliver. Two primary-key reads.
     */
    String trafficStamp(UUID scenarioId) {
        return jdbc.sql("""
                        SELECT coalesce((SELECT sum(requests) || ':' || sum(events) FROM scenario_ingest_totals
                                         WHERE scenario_id = :id), '0:0')
                               || ':' || coalesce((SELECT xmin::text FROM scenario_metrics_rollup
                                                   WHERE scenario_id = :id), '-')""")
                .param("id", scenarioId).query(String.class).single();
    }

    /** The running scenarios: how many there are, and the {@code limit} with the most events in [from, to). */
    record Busiest(long running, List<UUID> ids) {}

    Busiest busiestRunning(Instant from, Instant to, int limit) {
        long running = jdbc.sql("SELECT count(*) FROM scenarios WHERE status = 'running'").query(Long.class).single();
        List<UUID> ids = jdbc.sql("""
                        SELECT s.id FROM scenarios s
                        LEFT JOIN scenario_metrics m ON m.scenario_id = s.id AND m.minute >= :from AND m.minute < :to
                        WHERE s.status = 'running'
                        GROUP BY s.id ORDER BY coalesce(sum(m.events), 0) DESC, s.id LIMIT :limit""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit)
                .query(UUID.class).list();
        return new Busiest(running, ids);
    }


    /**
     * Per-source totals over the scenario's life ('' = events that named no source), most events first. From
     * {@code mv_source_analytics} when its count of the scenario's events equals the live one: every ingest
     * transaction adds events and counts never go down, so equal counts mean nothing arrived since the refresh.
     */
    List<SourceRow> sources(UUID scenarioId) {
        record Viewed(SourceRow row, long scenarioEvents) {}
        List<Viewed> viewed = jdbc.sql("""
                        SELECT source, events, bytes, sqs_blocks, input_tokens, pii_events, scenario_events
                        FROM mv_source_analytics WHERE scenario_id = :id ORDER BY events DESC, source""")
                .param("id", scenarioId)
                .query((rs, n) -> new Viewed(new SourceRow(rs.getString("source"), rs.getLong("events"),
                        rs.getLong("bytes"), rs.getLong("sqs_blocks"), rs.getLong("input_tokens"), rs.getLong("pii_events")),
                        rs.getLong("scenario_events")))
                .list();
        if (!viewed.isEmpty()) {
            long live = jdbc.sql("SELECT coalesce(sum(events), 0) FROM scenario_ingest_totals WHERE scenario_id = :id")
                    .param("id", scenarioId).query(Long.class).single();
            if (live == viewed.getFirst().scenarioEvents()) return viewed.stream().map(Viewed::row).toList();
        }
        return liveSources(scenarioId);
    }

    private List<SourceRow> liveSources(UUID scenarioId) {
        return jdbc.sql("""
                        SELECT source, sum(events)::bigint AS events, sum(bytes)::bigint AS bytes,
                               sum(sqs_blocks)::bigint AS blocks, sum(input_tokens)::bigint AS tokens,
                               sum(pii_events)::bigint AS pii
                        FROM scenario_source_stats WHERE scenario_id = :id
                        GROUP BY source ORDER BY sum(events) DESC, source""")
                .param("id", scenarioId)
                .query((rs, n) -> new SourceRow(rs.getString("source"), rs.getLong("events"), rs.getLong("bytes"),
                        rs.getLong("blocks"), rs.getLong("tokens"), rs.getLong("pii")))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        boolean bucket = rs.getBoolean("is_bucket");
        long[] pii = new long[PII_TYPES.size()];
        for (int i = 0; i < pii.length; i++) pii[i] = rs.getLong("pii_" + PII_TYPES.get(i));
        return new Row(!bucket, instant(rs, bucket ? "bucket" : "month"), rs.getLong("events"), rs.getLong("bytes"),
                rs.getLong("blocks"), rs.getLong("send"), rs.getLong("inv"), rs.getLong("billed"), rs.getLong("tokens"),
                rs.getLong("chars"), rs.getLong("pii_events"), pii);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
