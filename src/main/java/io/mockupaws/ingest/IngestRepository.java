package io.mockupaws.ingest;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.profiling.EventProfile;
import io.mockupaws.profiling.PiiType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * The ingest write path: events by COPY, then the per-minute, per-source and total aggregates, all in the
 * caller's transaction. Each request picks one shard for all its aggregate rows and touches rows in a fixed
 * order (metrics, sources by name, totals), so concurrent requests cannot deadlock.
 */
@Repository
class IngestRepository {

    static final int SHARDS = 8;
    private static final String COPY_SQL = """
            COPY scenario_logs (scenario_id, received_at, event_time, source, message_hash, preview, size_bytes,
                                sqs_blocks, token_count, char_count, pii_types, has_pii) FROM STDIN""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    IngestRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** The transaction's start time: every event of a transaction is received at the same instant. */
    Instant transactionTime() {
        return jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
    }

    void copyEvents(Instant receivedAt, List<ProfiledEvent> events) {
        StringBuilder rows = new StringBuilder(events.size() * 700);
        String received = receivedAt.toString();
        HexFormat hex = HexFormat.of();
        for (ProfiledEvent e : events) {
            EventProfile p = e.profile();
            rows.append(e.scenarioId()).append('\t').append(received).append('\t');
            if (e.event().eventTime() == null) rows.append("\\N"); else rows.append(e.event().eventTime());
            rows.append('\t');
            if (e.source() == null) rows.append("\\N"); else escape(rows, e.source());
            rows.append("\t\\\\x").append(hex.formatHex(p.messageHash())).append('\t');
            escape(rows, p.preview());
            rows.append('\t').append(p.sizeBytes()).append('\t').append(p.sqsBlocks()).append('\t').append(p.tokenCount())
                    .append('\t').append(p.charCount()).append("\t{");
            boolean first = true;
            for (PiiType t : p.piiTypes()) {
                if (!first) rows.append(',');
                rows.append(t.code());
                first = false;
            }
            rows.append("}\t").append(p.hasPii() ? 't' : 'f').append('\n');
        }
        // Encoded once and handed over whole: CopyManager's Reader variant would allocate 64 K-char and 64 KiB
        // buffers per transaction, which for a group of single events is more than the rows themselves.
        byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            try {
                copy.writeToCopy(data, 0, data.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) copy.cancelCopy();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into scenario_logs failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    /**
     * Adds the events of one scenario's requests to its minute, its sources and its totals; returns the new totals.
     * SQS send batching is counted per request (a request's last group is sent with it), so requests are kept apart.
     */
    IngestTotals addAggregates(UUID scenarioId, Instant receivedAt, List<List<ProfiledEvent>> requests, int shard) {
        long bytes = 0, blocks = 0, tokens = 0, chars = 0, piiEvents = 0, count = 0;
        long[] pii = new long[PiiType.values().length];
        long[] sendSums = new long[10];
        Map<String, long[]> bySource = new TreeMap<>();
        for (List<ProfiledEvent> request : requests) {
            TrafficAccumulator sends = new TrafficAccumulator(receivedAt);
            for (ProfiledEvent e : request) sends.add(e.profile().sizeBytes(), e.profile().tokenCount());
            long[] perRequest = sends.toWindow().sendRequestsByBatchSize();
            for (int b = 0; b < 10; b++) sendSums[b] += perRequest[b];
        }
        List<ProfiledEvent> events = requests.stream().flatMap(List::stream).toList();
        for (ProfiledEvent e : events) {
            EventProfile p = e.profile();
            bytes += p.sizeBytes();
            blocks += p.sqsBlocks();
            tokens += p.tokenCount();
            chars += p.charCount();
            if (p.hasPii()) piiEvents++;
            for (PiiType t : PiiType.values()) pii[t.ordinal()] += p.piiCount(t);
            count++;
            long[] s = bySource.computeIfAbsent(e.source() == null ? "" : e.source(), k -> new long[5]);
            s[0]++;
            s[1] += p.sizeBytes();
            s[2] += p.sqsBlocks();
            s[3] += p.tokenCount();
            s[4] += p.hasPii() ? 1 : 0;
        }
        Long[] sendRequests = java.util.Arrays.stream(sendSums).boxed().toArray(Long[]::new);
        Timestamp received = Timestamp.from(receivedAt);

        jdbc.sql("""
                        INSERT INTO scenario_metrics AS m (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests,
                            input_tokens, chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone, pii_ipv4,
                            pii_ipv6, pii_iban, pii_aws_access_key, pii_jwt, pii_private_key)
                        VALUES (:scenario, date_trunc('minute', CAST(:received AS timestamptz)), :shard, :events, :bytes, :blocks, :sends,
                            :tokens, :chars, :piiEvents, :p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9)
                        ON CONFLICT (scenario_id, minute, shard) DO UPDATE SET
                            events = m.events + EXCLUDED.events, bytes = m.bytes + EXCLUDED.bytes,
                            sqs_blocks = m.sqs_blocks + EXCLUDED.sqs_blocks,
                            sqs_send_requests = ARRAY(SELECT a + b FROM unnest(m.sqs_send_requests, EXCLUDED.sqs_send_requests)
                                                      WITH ORDINALITY AS x(a, b, i) ORDER BY i),
                            input_tokens = m.input_tokens + EXCLUDED.input_tokens, chars = m.chars + EXCLUDED.chars,
                            pii_events = m.pii_events + EXCLUDED.pii_events,
                            pii_email = m.pii_email + EXCLUDED.pii_email, pii_us_ssn = m.pii_us_ssn + EXCLUDED.pii_us_ssn,
                            pii_payment_card = m.pii_payment_card + EXCLUDED.pii_payment_card,
                            pii_phone = m.pii_phone + EXCLUDED.pii_phone, pii_ipv4 = m.pii_ipv4 + EXCLUDED.pii_ipv4,
                            pii_ipv6 = m.pii_ipv6 + EXCLUDED.pii_ipv6, pii_iban = m.pii_iban + EXCLUDED.pii_iban,
                            pii_aws_access_key = m.pii_aws_access_key + EXCLUDED.pii_aws_access_key,
                            pii_jwt = m.pii_jwt + EXCLUDED.pii_jwt, pii_private_key = m.pii_private_key + EXCLUDED.pii_private_key""")
                .param("scenario", scenarioId).param("received", received).param("shard", shard)
                .param("events", count).param("bytes", bytes).param("blocks", blocks).param("sends", sendRequests)
                .param("tokens", tokens).param("chars", chars).param("piiEvents", piiEvents)
                .param("p0", pii[PiiType.EMAIL.ordinal()]).param("p1", pii[PiiType.US_SSN.ordinal()])
                .param("p2", pii[PiiType.PAYMENT_CARD.ordinal()]).param("p3", pii[PiiType.PHONE.ordinal()])
                .param("p4", pii[PiiType.IPV4.ordinal()]).param("p5", pii[PiiType.IPV6.ordinal()])
                .param("p6", pii[PiiType.IBAN.ordinal()]).param("p7", pii[PiiType.AWS_ACCESS_KEY.ordinal()])
                .param("p8", pii[PiiType.JWT.ordinal()]).param("p9", pii[PiiType.PRIVATE_KEY.ordinal()])
                .update();

        int n = bySource.size();
        String[] names = new String[n];
        Long[][] cols = new Long[5][n];
        int i = 0;
        for (var src : bySource.entrySet()) {
            names[i] = src.getKey();
            for (int c = 0; c < 5; c++) cols[c][i] = src.getValue()[c];
            i++;
        }
        jdbc.sql("""
                        INSERT INTO scenario_source_stats AS s (scenario_id, source, shard, events, bytes, sqs_blocks, input_tokens, pii_events)
                        SELECT :scenario, u.source, :shard, u.events, u.bytes, u.blocks, u.tokens, u.pii
                        FROM unnest(CAST(:sources AS text[]), CAST(:events AS bigint[]), CAST(:bytes AS bigint[]),
                                    CAST(:blocks AS bigint[]), CAST(:tokens AS bigint[]), CAST(:pii AS bigint[]))
                             AS u(source, events, bytes, blocks, tokens, pii)
                        ORDER BY u.source
                        ON CONFLICT (scenario_id, source, shard) DO UPDATE SET
                            events = s.events + EXCLUDED.events, bytes = s.bytes + EXCLUDED.bytes,
                            sqs_blocks = s.sqs_blocks + EXCLUDED.sqs_blocks,
                            input_tokens = s.input_tokens + EXCLUDED.input_tokens, pii_events = s.pii_events + EXCLUDED.pii_events""")
                .param("scenario", scenarioId).param("shard", shard).param("sources", names)
                .param("events", cols[0]).param("bytes", cols[1]).param("blocks", cols[2]).param("tokens", cols[3])
                .param("pii", cols[4])
                .update();

        return jdbc.sql("""
                        WITH up AS (
                            INSERT INTO scenario_ingest_totals AS t (scenario_id, shard, events, bytes, sqs_blocks, input_tokens,
                                                                     pii_events, requests, last_event_at)
                            VALUES (:scenario, :shard, :events, :bytes, :blocks, :tokens, :pii, :requests, :received)
                            ON CONFLICT (scenario_id, shard) DO UPDATE SET
                                events = t.events + EXCLUDED.events, bytes = t.bytes + EXCLUDED.bytes,
                                sqs_blocks = t.sqs_blocks + EXCLUDED.sqs_blocks, input_tokens = t.input_tokens + EXCLUDED.input_tokens,
                                pii_events = t.pii_events + EXCLUDED.pii_events, requests = t.requests + EXCLUDED.requests,
                                last_event_at = greatest(t.last_event_at, EXCLUDED.last_event_at)
                            RETURNING *)
                        SELECT sum(events) AS events, sum(bytes) AS bytes, sum(sqs_blocks) AS sqs_blocks,
                               sum(input_tokens) AS input_tokens, sum(pii_events) AS pii_events, sum(requests) AS requests,
                               max(last_event_at) AS last_event_at
                        FROM (SELECT * FROM up
                              UNION ALL
                              SELECT * FROM scenario_ingest_totals WHERE scenario_id = :scenario AND shard <> :shard) all_shards""")
                .param("scenario", scenarioId).param("shard", shard).param("events", count).param("bytes", bytes)
                .param("blocks", blocks).param("tokens", tokens).param("pii", piiEvents).param("received", received)
                .param("requests", requests.size())
                .query(IngestRepository::totals).single();
    }

    IngestTotals totals(UUID scenarioId) {
        return jdbc.sql("""
                        SELECT coalesce(sum(events), 0) AS events, coalesce(sum(bytes), 0) AS bytes,
                               coalesce(sum(sqs_blocks), 0) AS sqs_blocks, coalesce(sum(input_tokens), 0) AS input_tokens,
                               coalesce(sum(pii_events), 0) AS pii_events, coalesce(sum(requests), 0) AS requests,
                               max(last_event_at) AS last_event_at
                        FROM scenario_ingest_totals WHERE scenario_id = :scenario""")
                .param("scenario", scenarioId).query(IngestRepository::totals).single();
    }

    private static IngestTotals totals(java.sql.ResultSet rs, int row) throws SQLException {
        Timestamp last = rs.getTimestamp("last_event_at");
        return new IngestTotals(rs.getLong("events"), rs.getLong("bytes"), rs.getLong("sqs_blocks"), rs.getLong("input_tokens"),
                rs.getLong("pii_events"), rs.getLong("requests"), last == null ? null : last.toInstant());
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped; NUL cannot be stored in text. */
    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append('\uFFFD');
                default -> out.append(ch);
            }
        }
    }
}
