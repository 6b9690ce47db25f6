package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.archive.ArchiveRun;
import io.mockupaws.archive.ArchiveService;
import io.mockupaws.archive.ArchiveTrigger;
import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scenario's insights are the same before and after its old events and metrics are archived: totals and costs, the
 * daily series, what-if estimates (another model re-estimating tokens per minute, another batch size), the projection
 * and the stored-event listing. Old rows are written straight into the tables: ingest stamps events with their
 * arrival time, the partition key, so it cannot make year-old data.
 */
class ArchivedHistoryInsightsTest extends ApiTest {

    /** The old traffic: 800 and 401 days ago (past the metrics and the logs policy), across a month's end. */
    static final Instant OLDEST = LocalDate.now(ZoneOffset.UTC).minusDays(800).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant().minus(Duration.ofHours(30));
    static final Instant OLD = Instant.now().minus(Duration.ofDays(401)).truncatedTo(ChronoUnit.HOURS);
    static final Instant RECENT = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    HourlyRollup rollup;

    @Autowired
    ArchiveService archive;

    @BeforeEach
    void emptyArchives() {
        jdbc.sql("TRUNCATE scenario_logs_archive, archive_jobs, scenario_metrics_archive").update();
        jdbc.sql("UPDATE archive_policies SET archive_after_days = CASE table_name WHEN 'scenario_logs' THEN 365"
                + " WHEN 'scenario_metrics' THEN 730 ELSE 180 END").update();
    }

    @Test
    void totalsCostsSeriesEstimatesProjectionAndLogsAreTheSameBeforeAndAfterArchiving() {
        String id = createScenario("""
                {"name":"history","pipeline":{"sqs":{"send_batch_size":4},"lambda":{"batch_size":7,
                 "duration_model":{"base_ms":12.5,"per_kb_ms":0.75}},"bedrock":{"prompt_overhead_tokens":30}}}""");
        Random random = new Random(8);
        traffic(id, OLDEST, 60, random);
        traffic(id, OLD, 20, random);
        traffic(id, RECENT, 30, random);
        events(id, OLDEST, 300);
        events(id, OLD, 200);
        events(id, RECENT, 100);
        // the rollup has run over all of it, as it would have in two years: archiving must not count hours twice
        rollup.rollUp(Instant.now());
        String oldDays = "?from=" + day(OLDEST) + "&to=" + day(OLDEST.plus(Duration.ofDays(4)));

        List<JsonNode> before = reads(id, oldDays);
        List<JsonNode> logsBefore = logs(id, "");
        List<JsonNode> bySizeBefore = logs(id, "&sort_by=size_bytes&sort_order=asc&limit=37");

        ArchiveRun run = archive.run(new ArchiveService.Request(null, 50, ArchiveTrigger.CLI, null));

        assertThat(run.status()).as(run.toString()).isEqualTo("completed");
        assertThat(count("scenario_metrics_archive")).as("old metrics were archived").isPositive();
        assertThat(count("scenario_metrics WHERE minute < now() - interval '730 days'")).isZero();
        assertThat(count("scenario_metrics_hourly WHERE hour < now() - interval '730 days'")).isZero();
        assertThat(count("scenario_logs_archive")).as("old events were archived").isEqualTo(500);
        assertThat(count("scenario_logs")).isEqualTo(100);

        List<JsonNode> after = reads(id, oldDays);
        assertThat(after.get(0)).as("metrics, daily series, whole life").isEqualTo(before.get(0));
        assertThat(after.get(1)).as("estimate, daily series").isEqualTo(before.get(1));
        assertThat(after.get(2)).as("projection").isEqualTo(before.get(2));
        for (int i = 3; i <= 4; i++) {
            // an hourly series over archived days: the same totals and costs; each archived day is one point
            assertThat(after.get(i).get("summary")).isEqualTo(before.get(i).get("summary"));
            assertThat(after.get(i).get("cost_breakdown")).isEqualTo(before.get(i).get("cost_breakdown"));
            assertThat(after.get(i).get("window")).isEqualTo(before.get(i).get("window"));
            long events = 0;
            java.math.BigDecimal invocations = java.math.BigDecimal.ZERO;
            for (JsonNode p : after.get(i).get("timeseries")) {
                events += p.get("events").asLong();
                invocations = invocations.add(p.get("lambda_invocations").decimalValue());
            }
            JsonNode summary = after.get(i).get("summary");
            assertThat(events).isPositive().isEqualTo(summary.get("total_requests").asLong());
            assertThat(invocations).isEqualByComparingTo(summary.get("lambda_invocations").decimalValue());
        }
        assertThat(logs(id, "")).as("stored events, newest first, every page").isEqualTo(logsBefore);
        assertThat(logs(id, "&sort_by=size_bytes&sort_order=asc&limit=37")).isEqualTo(bySizeBefore);
        assertThat(logs(id, "&from=" + day(OLD) + "&to=" + day(OLD.plus(Duration.ofDays(2)))))
                .isEqualTo(logsBefore.stream().filter(e -> Instant.parse(e.get("received_at").asString()).isBefore(
                        Instant.parse(day(OLD.plus(Duration.ofDays(2))))) && !Instant.parse(e.get("received_at").asString())
                        .isBefore(Instant.parse(day(OLD)))).toList());

        // the rollup cannot bring archived hours back
        rollup.rollUp(Instant.now());
        assertThat(reads(id, oldDays)).isEqualTo(after);
    }

    private List<JsonNode> reads(String id, String oldDays) {
        String estimate = "{\"pipeline\":{\"bedrock\":{\"model_id\":\"amazon.nova-lite-v1:0\"},\"lambda\":{\"batch_size\":3}}}";
        return List.of(
                clean(api.get("/api/v1/scenarios/" + id + "/metrics?granularity=day")),
                clean(api.post("/api/v1/scenarios/" + id + "/estimate?granularity=day", estimate)),
                clean(api.get("/api/v1/scenarios/" + id + "/projection")),
                clean(api.get("/api/v1/scenarios/" + id + "/metrics" + oldDays)),
                clean(api.post("/api/v1/scenarios/" + id + "/estimate" + oldDays, estimate)));
    }

    private static JsonNode clean(io.mockupaws.support.Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode m = r.json();
        ((ObjectNode) m.get("pricing")).remove("at");
        return m;
    }

    /** Every stored event of the scenario, page after page. */
    private List<JsonNode> logs(String id, String query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String q = query.contains("limit=") ? query.substring(1) : "limit=100" + query;
            JsonNode page = api.get("/api/v1/scenarios/" + id + "/logs?" + q + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(all::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        } while (cursor != null);
        return all;
    }

    private void traffic(String id, Instant start, int hours, Random random) {
        for (int m = 0; m < hours * 60; m += 1 + random.nextInt(13)) {
            Instant minute = start.plus(Duration.ofMinutes(m));
            int shards = 1 + random.nextInt(3);
            for (int s = 0; s < shards; s++) {
                TrafficAccumulator a = new TrafficAccumulator(minute);
                int n = 1 + random.nextInt(40);
                for (int i = 0; i < n; i++) a.add(random.nextInt(70_000), random.nextInt(300));
                MetricsFixture.insert(jdbc, id, a.toWindow(), s, a.toWindow().bytes() * 3 / 4, n / 7, n / 9, n / 11);
            }
        }
    }

    private void events(String id, Instant from, int n) {
        jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs', :f, :t)")
                .param("f", LocalDate.ofInstant(from, ZoneOffset.UTC))
                .param("t", LocalDate.ofInstant(from.plus(Duration.ofDays(2)), ZoneOffset.UTC)).query(Integer.class).single();
        jdbc.sql("""
                        INSERT INTO scenario_logs (scenario_id, received_at, source, message_hash, preview, size_bytes,
                                                   sqs_blocks, token_count, char_count, pii_types, has_pii)
                        SELECT CAST(:s AS uuid), CAST(:from AS timestamptz) + make_interval(secs => g * 487.0),
                               'host-' || (g % 3), sha256(convert_to(:s || g, 'UTF8')), 'event ' || g, 100 + (g * 37) % 900,
                               1, 20, 120, CASE WHEN g % 5 = 0 THEN ARRAY['email'] ELSE '{}' END, g % 5 = 0
                        FROM generate_series(1, :n) g""")
                .param("s", id).param("from", Timestamp.from(from)).param("n", n).update();
    }

    private long count(String from) {
        return jdbc.sql("SELECT count(*) FROM " + from).query(Long.class).single();
    }

    private static String day(Instant t) {
        return t.truncatedTo(ChronoUnit.DAYS).toString();
    }
}
