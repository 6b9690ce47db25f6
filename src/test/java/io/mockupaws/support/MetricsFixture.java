package io.mockupaws.support;

import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.pricing.WindowTraffic;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes the aggregates the ingest module writes (scenario_metrics, scenario_source_stats) directly, so insights are
 * tested on rows whose every figure the test controls.
 */
public final class MetricsFixture {

    private MetricsFixture() {}

    /** One shard row of a minute: the window's traffic, with {@code chars} characters and PII counts by type. */
    public static void insert(JdbcClient jdbc, String scenarioId, WindowTraffic w, int shard, long chars, long piiEvents,
                              long... piiByType) {
        long[] pii = Arrays.copyOf(piiByType, 10);
        jdbc.sql("""
                        INSERT INTO scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests,
                            input_tokens, chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone, pii_ipv4,
                            pii_ipv6, pii_iban, pii_aws_access_key, pii_jwt, pii_private_key)
                        VALUES (:id, :minute, :shard, :events, :bytes, :blocks, CAST(:send AS bigint[]), :tokens, :chars, :pii,
                            :p0, :p1, :p2, :p3, :p4, :p5, :p6, :p7, :p8, :p9)""")
                .param("id", UUID.fromString(scenarioId)).param("minute", Timestamp.from(w.start())).param("shard", shard)
                .param("events", w.events()).param("bytes", w.bytes()).param("blocks", w.sqsBlocks())
                .param("send", "{" + Arrays.stream(w.sendRequestsByBatchSize()).mapToObj(Long::toString)
                        .collect(Collectors.joining(",")) + "}")
                .param("tokens", w.inputTokens()).param("chars", chars).param("pii", piiEvents)
                .param("p0", pii[0]).param("p1", pii[1]).param("p2", pii[2]).param("p3", pii[3]).param("p4", pii[4])
                .param("p5", pii[5]).param("p6", pii[6]).param("p7", pii[7]).param("p8", pii[8]).param("p9", pii[9])
                .update();
    }

    /**
     * Irregular traffic over {@code minutes} minutes from {@code start}: a minute with traffic every 1 to
     * {@code maxGap} minutes, each with 1 to {@code maxShards} shard rows of 1 to {@code maxEvents} events of random
     * sizes (some over one SQS block) and tokens; the same for the same seed.
     */
    public static void irregularTraffic(JdbcClient jdbc, String scenarioId, Instant start, int minutes,
                                        int maxGap, int maxShards, int maxEvents, long seed) {
        Random random = new Random(seed);
        for (int m = 0; m < minutes; m += 1 + random.nextInt(maxGap)) {
            Instant minute = start.plus(Duration.ofMinutes(m));
            int shards = 1 + random.nextInt(maxShards);
            for (int s = 0; s < shards; s++) {
                TrafficAccumulator a = new TrafficAccumulator(minute);
                int n = 1 + random.nextInt(maxEvents);
                for (int i = 0; i < n; i++) a.add(random.nextInt(70_000), random.nextInt(300));
                insert(jdbc, scenarioId, a.toWindow(), s, a.toWindow().bytes() * 3 / 4, n / 7, n / 9, n / 11);
            }
        }
    }

    /**
     * The per-source table comes with the ingest module's migration V3; until it is merged, tests create it the way
     * that migration defines it.
     */
    public static void ensureSourceStatsTable(JdbcClient jdbc) {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS scenario_source_stats (
                    scenario_id  uuid     NOT NULL,
                    source       text     NOT NULL,
                    shard        smallint NOT NULL,
                    events       bigint   NOT NULL DEFAULT 0,
                    bytes        bigint   NOT NULL DEFAULT 0,
                    sqs_blocks   bigint   NOT NULL DEFAULT 0,
                    input_tokens bigint   NOT NULL DEFAULT 0,
                    pii_events   bigint   NOT NULL DEFAULT 0,
                    PRIMARY KEY (scenario_id, source, shard))""").update();
    }

    public static void insertSource(JdbcClient jdbc, String scenarioId, String source, int shard, long events, long bytes,
                                    long blocks, long tokens, long pii) {
        jdbc.sql("""
                        INSERT INTO scenario_source_stats (scenario_id, source, shard, events, bytes, sqs_blocks, input_tokens, pii_events)
                        VALUES (:id, :source, :shard, :events, :bytes, :blocks, :tokens, :pii)""")
                .param("id", UUID.fromString(scenarioId)).param("source", source).param("shard", shard)
                .param("events", events).param("bytes", bytes).param("blocks", blocks).param("tokens", tokens)
                .param("pii", pii).update();
    }
}
