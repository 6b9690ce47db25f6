package io.mockupaws.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-minute metrics past the policy become one row per scenario and day, with the per-minute figures kept. */
class MetricArchivingTest extends ArchiveTestBase {

    @Test
    void minutesOlderThanThePolicyBecomeDailyRowsWithShardsSummedPerMinute() throws Exception {
        UUID s = scenario("metrics");
        Instant day1 = Instant.now().minus(Duration.ofDays(800)).truncatedTo(ChronoUnit.DAYS);
        Instant day2 = day1.plus(Duration.ofDays(3));
        Instant recent = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
        // day 1: 10:00 on two shards, 10:01 and 23:59 on one; day 2: 00:00; and a recent minute that stays
        minute(s, day1.plus(Duration.ofMinutes(600)), 0, 7, 700, 3);
        minute(s, day1.plus(Duration.ofMinutes(600)), 1, 5, 500, 2);
        minute(s, day1.plus(Duration.ofMinutes(601)), 0, 1, 90, 0);
        minute(s, day1.plus(Duration.ofMinutes(1439)), 0, 2, 64, 1);
        minute(s, day2, 0, 4, 400, 0);
        minute(s, recent, 0, 9, 900, 0);
        hourly(s, day1.plus(Duration.ofHours(10)));
        hourly(s, recent.truncatedTo(ChronoUnit.HOURS));
        String liveTotals = totals("scenario_metrics");

        ArchiveRun run = archive.run(request(ArchiveTable.METRICS, 2));

        assertThat(run.status()).as(run.toString()).isEqualTo("completed");
        assertThat(run.jobs().getFirst().recordsArchived()).isEqualTo(5);
        assertThat(run.jobs().getFirst().batches()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM scenario_metrics WHERE scenario_id = '" + s + "'")).isEqualTo(1);
        // the rollup's hours of archived days are gone (they would count twice); the recent one stays
        assertThat(count("SELECT count(*) FROM scenario_metrics_hourly WHERE scenario_id = '" + s + "'")).isEqualTo(1);

        List<Map<String, Object>> days = jdbc.sql("""
                        SELECT day, minutes, first_minute, last_minute, events, bytes, sqs_send_requests, pii_events,
                               pii_email, minute_events, minute_bytes, minute_chars
                        FROM scenario_metrics_archive WHERE scenario_id = :s ORDER BY day""")
                .param("s", s).query().listOfRows();
        assertThat(days).hasSize(2);
        Map<String, Object> d1 = days.getFirst();
        assertThat(((Timestamp) d1.get("day")).toInstant()).isEqualTo(day1);
        assertThat(d1.get("minutes")).isEqualTo(3);
        assertThat(((Timestamp) d1.get("first_minute")).toInstant()).isEqualTo(day1.plus(Duration.ofMinutes(600)));
        assertThat(((Timestamp) d1.get("last_minute")).toInstant()).isEqualTo(day1.plus(Duration.ofMinutes(1439)));
        assertThat(d1.get("events")).isEqualTo(15L);
        assertThat(d1.get("bytes")).isEqualTo(1354L);
        assertThat(d1.get("pii_events")).isEqualTo(6L);
        assertThat(d1.get("pii_email")).isEqualTo(6L);
        // shards of 10:00 added up before anything per minute: 12 events that minute, not 7 and 5
        assertThat(longs(d1.get("minute_events"))).containsExactly(12, 1, 2);
        assertThat(longs(d1.get("minute_bytes"))).containsExactly(1200, 90, 64);
        assertThat(longs(d1.get("minute_chars"))).containsExactly(1200, 90, 64);
        // send requests per batch size b summed element-wise: each test row has ceil(events / b)
        assertThat(longs(d1.get("sqs_send_requests"))).containsExactly(15, 9, 7, 6, 5, 5, 4, 4, 4, 4);
        assertThat(days.get(1).get("events")).isEqualTo(4L);

        // every figure is still there, live ∪ archive
        assertThat(totals("v_scenario_metrics_all")).isEqualTo(liveTotals);

        assertThat(archive.run(request(ArchiveTable.METRICS, 2)).recordsArchived()).isZero();
        assertThat(api.delete("/api/v1/scenarios/" + s).status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM scenario_metrics_archive WHERE scenario_id = '" + s + "'")).isZero();
    }

    @Test
    void aDryRunCountsTheMinutesAndDaysAndChangesNothing() {
        UUID s = scenario("metrics dry");
        Instant old = Instant.now().minus(Duration.ofDays(900)).truncatedTo(ChronoUnit.DAYS);
        minute(s, old, 0, 1, 10, 0);
        minute(s, old.plus(Duration.ofDays(1)), 0, 1, 10, 0);

        ArchivePlan plan = archive.dryRun(java.util.EnumSet.of(ArchiveTable.METRICS), ArchiveTrigger.API).plan().getFirst();

        assertThat(plan.rows()).isEqualTo(2);
        assertThat(plan.archiveAfterDays()).isEqualTo(730);
        assertThat(plan.detail()).contains("into 2 daily row(s)");
        assertThat(count("SELECT count(*) FROM scenario_metrics")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM scenario_metrics_archive")).isZero();
    }

    private void minute(UUID s, Instant minute, int shard, long events, long bytes, long pii) {
        StringBuilder send = new StringBuilder("{");
        for (int b = 1; b <= 10; b++) send.append(b > 1 ? "," : "").append((events + b - 1) / b);
        jdbc.sql("""
                        INSERT INTO scenario_metrics (scenario_id, minute, shard, events, bytes, sqs_blocks, sqs_send_requests,
                                                      input_tokens, chars, pii_events, pii_email)
                        VALUES (:s, :m, :shard, :e, :b, :e, CAST(:send AS bigint[]), :b / 4, :b, :pii, :pii)""")
                .param("s", s).param("m", Timestamp.from(minute)).param("shard", shard).param("e", events)
                .param("b", bytes).param("send", send.append('}').toString()).param("pii", pii).update();
    }

    private void hourly(UUID s, Instant hour) {
        jdbc.sql("""
                        INSERT INTO scenario_metrics_hourly (scenario_id, hour, events, bytes, sqs_blocks, sqs_send_requests,
                            input_tokens, chars, pii_events, pii_email, pii_us_ssn, pii_payment_card, pii_phone, pii_ipv4,
                            pii_ipv6, pii_iban, pii_aws_access_key, pii_jwt, pii_private_key, minute_events, minute_bytes,
                            minute_chars)
                        VALUES (:s, :h, 1, 1, 1, '{1,1,1,1,1,1,1,1,1,1}', 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{1}', '{1}', '{1}')""")
                .param("s", s).param("h", Timestamp.from(hour)).update();
    }

    private String totals(String relation) {
        return jdbc.sql("SELECT sum(events) || '/' || sum(bytes) || '/' || sum(sqs_blocks) || '/' || sum(input_tokens) || '/'"
                + " || sum(chars) || '/' || sum(pii_events) || '/' || sum(pii_email) || '/' || sum(sqs_send_requests[3]) FROM "
                + relation).query(String.class).single();
    }

    private static long[] longs(Object array) throws Exception {
        return Arrays.stream((Long[]) ((Array) array).getArray()).mapToLong(Long::longValue).toArray();
    }
}
