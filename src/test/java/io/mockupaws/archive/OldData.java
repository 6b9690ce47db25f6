package io.mockupaws.archive;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Old rows written straight into the tables: ingest stamps events with the time they arrive (received_at, the
 * partition key), so a year-old event can only be made by hand.
 */
final class OldData {

    private OldData() {}

    /** Live partitions of scenario_logs for every month of [from, to]; returns how many were created. */
    static int liveMonths(JdbcClient jdbc, Instant from, Instant to) {
        return jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs', :from, :to)")
                .param("from", LocalDate.ofInstant(from, ZoneOffset.UTC)).param("to", LocalDate.ofInstant(to, ZoneOffset.UTC))
                .query(Integer.class).single();
    }

    /** {@code count} events of the scenario spread evenly over [from, to), each with its own hash and preview. */
    static void events(JdbcClient jdbc, UUID scenario, Instant from, Instant to, int count) {
        liveMonths(jdbc, from, to.minusMillis(1));
        jdbc.sql("""
                        INSERT INTO scenario_logs (scenario_id, received_at, event_time, source, message_hash, preview,
                                                   size_bytes, sqs_blocks, token_count, char_count, pii_types, has_pii)
                        SELECT CAST(:s AS uuid), CAST(:from AS timestamptz) + (CAST(:to AS timestamptz) - CAST(:from AS timestamptz)) * (g - 1) / :n,
                               CAST(:from AS timestamptz) - interval '1 second', 'host-' || (g % 3),
                               sha256(convert_to(:s || ':' || g, 'UTF8')),
                               'GET /orders/' || g || ' status=' || (200 + g % 5), 100 + g % 900, 1, 20 + g % 50, 120 + g % 80,
                               CASE WHEN g % 7 = 0 THEN ARRAY['email'] ELSE '{}' END, g % 7 = 0
                        FROM generate_series(1, :n) g""")
                .param("s", scenario.toString()).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("n", count).update();
    }

    /**
     * What the events of the scenarios are, wherever they are: count, distinct ids and a digest of every row's id,
     * time and hash in id order. Equal before and after a move means nothing was lost, duplicated or altered.
     */
    static String checksum(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT count(*) || '/' || count(DISTINCT id) || '/' ||
                               md5(coalesce(string_agg(id || '@' || received_at || '#' || encode(message_hash, 'hex')
                                                       || '$' || size_bytes, ',' ORDER BY id), ''))
                        FROM (SELECT * FROM scenario_logs UNION ALL SELECT * FROM scenario_logs_archive) t""")
                .query(String.class).single();
    }
}
