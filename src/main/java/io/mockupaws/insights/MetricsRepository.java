package io.mockupaws.insights;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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

    private final JdbcClient jdbc;

    MetricsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> aggregate(Query q) {
        String piiSums = String.join(", ", PII_TYPES.stream().map(t -> "sum(pii_" + t + ")::bigint AS pii_" + t).toList());
        String piiCols = String.join(", ", PII_TYPES.stream().map(t -> "pii_" + t).toList());
        String piiTotals = String.join(", ", PII_TYPES.stream().map(t -> "sum(pii_" + t + ")::bigint AS pii_" + t).toList());
        // per-minute billed ms: L·duration, or L·ceil((base·L·1024 + per_kb·bytes) / (L·1024)) computed exactly
        // with integer div/mod (a numeric division would round before the ceiling)
        String billed = q.durationMs() != null
                ? "inv * :duration"
                : "CASE WHEN inv = 0 THEN 0 ELSE inv * (div(:base * inv * 1024 + :perkb * bytes, inv * 1024)"
                        + " + CASE WHEN mod(:base * inv * 1024 + :perkb * bytes, inv * 1024) > 0 THEN 1 ELSE 0 END) END";
        String tokens = q.charsPerToken() == null ? "tokens" : "(chars + :cpt - 1) / :cpt";
        boolean series = q.bucket() != null;
        String sql = """
                WITH m AS (
                    SELECT minute, sum(events)::bigint AS events, sum(bytes)::bigint AS bytes,
                           sum(sqs_blocks)::bigint AS blocks, sum(sqs_send_requests[:send])::bigint AS send,
                           sum(input_tokens)::bigint AS tokens, sum(chars)::bigint AS chars,
                           sum(pii_events)::bigint AS pii_events, %s
                    FROM scenario_metrics
                    WHERE scenario_id = :id AND minute >= :from AND minute < :to
                    GROUP BY minute
                ), w AS (
                    SELECT date_trunc('month', minute, 'UTC') AS month, %s AS bucket,
                           events, bytes, blocks, send, chars, pii_events, %s,
                           (events + :batch - 1) / :batch AS inv, %s AS est_tokens
                    FROM m
                ), p AS (
                    SELECT month, bucket, events, bytes, blocks, send, chars, pii_events, %s, inv, est_tokens,
                           %s AS billed
                    FROM w
                )
                SELECT %s AS is_bucket, month, bucket,
                       sum(events)::bigint AS events, sum(bytes)::bigint AS bytes, sum(blocks)::bigint AS blocks,
                       sum(send)::bigint AS send, sum(inv)::bigint AS inv, sum(billed)::bigint AS billed,
                       sum(est_tokens)::bigint AS tokens, sum(chars)::bigint AS chars,
                       sum(pii_events)::bigint AS pii_events, %s
                FROM p
                GROUP BY %s
                """.formatted(piiSums, series ? "date_trunc(:bucket, minute, 'UTC')" : "NULL::timestamptz", piiCols,
                tokens, piiCols, billed, series ? "GROUPING(month) = 1" : "false", piiTotals,
                series ? "GROUPING SETS ((month), (bucket))" : "month, bucket");
        var spec = jdbc.sql(sql)
                .param("id", q.scenarioId())
                .param("from", Timestamp.from(q.from() == null ? BEGINNING : q.from()))
                .param("to", Timestamp.from(q.to() == null ? END : q.to()))
                .param("send", q.sendBatchSize())
                .param("batch", (long) q.batchSize());
        if (q.durationMs() != null) spec = spec.param("duration", (long) q.durationMs());
        else spec = spec.param("base", q.baseMs()).param("perkb", q.perKbMs());
        if (q.charsPerToken() != null) spec = spec.param("cpt", (long) q.charsPerToken());
        if (series) spec = spec.param("bucket", q.bucket());
        return spec.query(MetricsRepository::row).list();
    }

    /** First and last minute with traffic, or nulls. */
    Extent extent(UUID scenarioId) {
        return jdbc.sql("SELECT min(minute) AS first, max(minute) AS last FROM scenario_metrics WHERE scenario_id = :id")
                .param("id", scenarioId)
                .query((rs, n) -> new Extent(instant(rs, "first"), instant(rs, "last"))).single();
    }

    /** Events per bucket {@code k = floor((minute − from) / bucket)}, k ascending; buckets without traffic absent. */
    List<long[]> eventsPerBucket(UUID scenarioId, Instant from, Instant to, Duration bucket) {
        return jdbc.sql("""
                        SELECT floor(extract(epoch FROM minute - :from) / :seconds)::bigint AS k, sum(events)::bigint AS events
                        FROM scenario_metrics
                        WHERE scenario_id = :id AND minute >= :from AND minute < :to
                        GROUP BY 1 ORDER BY 1""")
                .param("id", scenarioId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("seconds", bucket.toSeconds())
                .query((rs, n) -> new long[] {rs.getLong("k"), rs.getLong("events")}).list();
    }

    /** Per-source totals over the scenario's life ('' = events that named no source), most events first. */
    List<SourceRow> sources(UUID scenarioId) {
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
