package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import io.mockupaws.support.PrometheusScrape;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The materialized views (V15) change no figure: insights read them only for what they provably hold in final form
 * and read the same numbers as from the rollup and the minutes; the refresh is exclusive, atomic and observable.
 */
class MaterializedViewsTest extends ApiTest {

    /** 108 hours across the end of January 2025 (29 January 19:00 to 3 February 07:00): days in two months, edges. */
    static final Instant START = Instant.parse("2025-01-29T19:00:00Z");
    static final String PIPELINE = """
            {"sqs":{"send_batch_size":4},"lambda":{"batch_size":7,"memory_mb":512,"ephemeral_storage_mb":1024,
             "duration_model":{"base_ms":12.5,"per_kb_ms":0.75}},
             "bedrock":{"prompt_overhead_tokens":30,"output_tokens_per_invocation":120}}""";

    @Autowired
    HourlyRollup rollup;

    @Autowired
    MaterializedViews views;

    @Autowired
    DataSource dataSource;

    private String scenarioWithTraffic() {
        String id = createScenario("{\"name\":\"views\",\"pipeline\":" + PIPELINE + "}");
        MetricsFixture.irregularTraffic(jdbc, id, START, 108 * 60, 20, 2, 40, 5);
        return id;
    }

    private JsonNode read(String id, String query) {
        JsonNode m = query.startsWith("estimate")
                ? api.post("/api/v1/scenarios/" + id + "/estimate" + query.substring(8),
                        "{\"pipeline\":{\"lambda\":{\"batch_size\":3}}}").json()
                : query.startsWith("projection") ? api.get("/api/v1/scenarios/" + id + "/projection" + query.substring(10)).json()
                : api.get("/api/v1/scenarios/" + id + "/metrics" + query).json();
        assertThat(m.has("pricing")).as(m.toString()).isTrue();
        ((ObjectNode) m.get("pricing")).remove("at");
        return m;
    }

    private void rollUpAndRefresh() {
        rollup.rollUp(Instant.now());
        views.refreshAll();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?granularity=day", "", "?from=2025-01-29T21:17:00Z&to=2025-02-02T04:43:00Z&granularity=day",
            "?from=2025-01-30T00:00:00Z&to=2025-02-02T00:00:00Z&granularity=day", "estimate?granularity=day", "projection"})
    void figuresReadFromTheViewsAreExactlyThoseOfTheMinutes(String query) {
        String id = scenarioWithTraffic();
        JsonNode raw = read(id, query);

        rollUpAndRefresh();

        assertThat(read(id, query)).isEqualTo(raw);
    }

    @Test
    void completeDaysAreReadFromTheDailyView() {
        String id = scenarioWithTraffic();
        String days = "?from=2025-01-29T00:00:00Z&to=2025-02-03T00:00:00Z&granularity=day";
        JsonNode raw = read(id, days);
        rollUpAndRefresh();

        // with the rollup's hours gone, only the view can still answer for these whole days
        jdbc.sql("DELETE FROM scenario_metrics_hourly WHERE scenario_id = CAST(:id AS uuid)").param("id", id).update();

        assertThat(read(id, days)).isEqualTo(raw);
        assertThat(read(id, days.replace("granularity=day", "granularity=hour")).at("/summary/total_requests").asLong())
                .as("an hourly series needs hours: not from the view").isLessThan(raw.at("/summary/total_requests").asLong());
    }

    @Test
    void aDayComputedWithAnotherBatchSizeIsNotReadFromTheView() {
        String id = scenarioWithTraffic();
        String days = "?from=2025-01-29T00:00:00Z&to=2025-02-03T00:00:00Z&granularity=day";
        rollUpAndRefresh(); // the view's invocations and billed ms are those of batch size 7
        JsonNode expected = api.post("/api/v1/scenarios/" + id + "/estimate" + days,
                "{\"pipeline\":{\"lambda\":{\"batch_size\":3}}}").json();

        assertThat(api.put("/api/v1/scenarios/" + id, "{\"pipeline\":" + PIPELINE.replace("\"batch_size\":7",
                "\"batch_size\":3") + "}").status()).isEqualTo(200);
        JsonNode metrics = read(id, days);

        for (String part : new String[] {"summary", "cost_breakdown", "timeseries"}) {
            assertThat(metrics.get(part)).as(part).isEqualTo(expected.get(part));
        }
        assertThat(metrics.at("/summary/lambda_invocations").decimalValue())
                .isNotEqualByComparingTo(readView(id, "sum(invocations)"));
    }

    @Test
    void monthlyCostDriversAreTheUsageTheCostEnginePrices() {
        String id = scenarioWithTraffic();
        rollUpAndRefresh();

        JsonNode january = read(id, "?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z&granularity=day");
        Map<String, Object> row = jdbc.sql("""
                        SELECT complete, sqs_requests, lambda_requests, lambda_gb_seconds, lambda_storage_gb_seconds,
                               bedrock_input_tokens, bedrock_output_tokens
                        FROM mv_monthly_costs WHERE scenario_id = CAST(:id AS uuid) AND month = '2025-01-01T00:00:00Z'""")
                .param("id", id).query().singleRow();

        assertThat(row.get("complete")).isEqualTo(true);
        assertThat(decimal(row.get("sqs_requests"))).isEqualByComparingTo(usage(january, "sqs", "requests"));
        assertThat(decimal(row.get("lambda_requests"))).isEqualByComparingTo(usage(january, "lambda", "invocations"));
        assertThat(decimal(row.get("lambda_gb_seconds"))).isEqualByComparingTo(usage(january, "lambda", "gb_seconds"));
        assertThat(decimal(row.get("lambda_storage_gb_seconds")))
                .isEqualByComparingTo(usage(january, "lambda", "ephemeral_storage_gb_seconds"));
        assertThat(decimal(row.get("bedrock_input_tokens"))).isEqualByComparingTo(usage(january, "bedrock", "input_tokens"));
        assertThat(decimal(row.get("bedrock_output_tokens"))).isEqualByComparingTo(usage(january, "bedrock", "output_tokens"));
        assertThat(jdbc.sql("SELECT complete FROM mv_monthly_costs WHERE scenario_id = CAST(:id AS uuid) AND month = '2025-02-01'")
                .param("id", id).query(Boolean.class).single()).as("February 2025 is over and rolled up").isTrue();
    }

    @Test
    void sourcesComeFromTheViewOnlyWhileNoEventArrivedSinceItsRefresh() {
        String id = scenarioWithTraffic();
        MetricsFixture.insertSource(jdbc, id, "web", 0, 700, 70_000, 700, 9_000, 12);
        MetricsFixture.insertSource(jdbc, id, "db", 1, 300, 90_000, 310, 4_000, 0);
        totals(id, 1000);
        JsonNode live = api.get("/api/v1/scenarios/" + id + "/sources").json();
        rollUpAndRefresh();

        // the view holds every event (counts match the live totals): it answers, even with the statistics gone
        jdbc.sql("DELETE FROM scenario_source_stats WHERE scenario_id = CAST(:id AS uuid)").param("id", id).update();
        assertThat(api.get("/api/v1/scenarios/" + id + "/sources").json()).isEqualTo(live);

        // an event arrives: the view is behind, the live statistics answer
        MetricsFixture.insertSource(jdbc, id, "queue", 2, 1, 100, 1, 10, 0);
        totals(id, 1);
        JsonNode after = api.get("/api/v1/scenarios/" + id + "/sources").json();
        assertThat(after.get("sources")).hasSize(1);
        assertThat(after.at("/sources/0/source").asString()).isEqualTo("queue");
    }

    private void totals(String id, long events) {
        jdbc.sql("""
                        INSERT INTO scenario_ingest_totals (scenario_id, shard, events) VALUES (CAST(:id AS uuid), 0, :n)
                        ON CONFLICT (scenario_id, shard) DO UPDATE SET events = scenario_ingest_totals.events + :n""")
                .param("id", id).param("n", events).update();
    }

    @Test
    void administratorsRefreshTheViewsOnDemandAndTheRefreshIsRecordedAuditedAndExported() {
        String id = scenarioWithTraffic();
        rollup.rollUp(Instant.now());
        Api admin = adminApi();
        Instant before = Instant.now();

        Api.Response r = admin.post("/api/v1/admin/refresh-views");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("views")).hasSize(3);
        assertThat(r.json().at("/views/0/view").asString()).isEqualTo("mv_scenario_daily_stats");
        assertThat(r.json().at("/views/1/view").asString()).isEqualTo("mv_monthly_costs");
        assertThat(r.json().at("/views/2/view").asString()).isEqualTo("mv_source_analytics");
        for (JsonNode v : r.json().get("views")) {
            assertThat(v.get("duration_ms").asLong()).isNotNegative();
            assertThat(v.get("rows").asLong()).isEqualTo(jdbc.sql("SELECT count(*) FROM " + v.get("view").asString())
                    .query(Long.class).single());
        }
        assertThat(readView(id, "count(*)")).isEqualByComparingTo("6"); // 29 Jan .. 3 Feb
        assertThat(jdbc.sql("SELECT min(refreshed_at) FROM mv_refresh_state").query(Timestamp.class).single().toInstant())
                .isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'views.refresh' AND occurred_at >= :t")
                .param("t", Timestamp.from(before)).query(Long.class).single()).isEqualTo(1);

        PrometheusScrape scrape = PrometheusScrape.of(admin);
        for (String view : MaterializedViews.VIEWS) {
            assertThat(scrape.sum("mockupaws_insights_mv_refresh_age_seconds", "view=" + view)).as(view).isBetween(0.0, 60.0);
        }

        assertThat(api.post("/api/v1/admin/refresh-views").status()).as("users may not").isEqualTo(403);
        assertThat(anonymous.post("/api/v1/admin/refresh-views").status()).isEqualTo(401);
    }

    @Test
    void aRefreshWhileAnotherRunsIsRefusedWithConflict() throws Exception {
        Api admin = adminApi();
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            other.setAutoCommit(false);
            st.execute("SELECT pg_advisory_xact_lock(hashtext('mockupaws:materialized-views'))");

            Api.Response r = admin.post("/api/v1/admin/refresh-views");

            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("refresh-in-progress");
            other.rollback();
        }
        assertThat(admin.post("/api/v1/admin/refresh-views").status()).isEqualTo(200);
    }

    @Test
    void aFailedRefreshChangesNoViewAndRecordsWhy() {
        Api admin = adminApi();
        assertThat(admin.post("/api/v1/admin/refresh-views").status()).isEqualTo(200);
        Timestamp refreshed = jdbc.sql("SELECT refreshed_at FROM mv_refresh_state WHERE view_name = 'mv_scenario_daily_stats'")
                .query(Timestamp.class).single();
        // without its unique index a view cannot be refreshed CONCURRENTLY: the last view of the three fails
        jdbc.sql("DROP INDEX mv_source_analytics_key").update();
        try {
            Api.Response r = admin.post("/api/v1/admin/refresh-views");

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.code()).isEqualTo("refresh-failed");
            assertThat(r.body()).contains("unique index");
            assertThat(jdbc.sql("SELECT last_error FROM mv_refresh_state WHERE view_name = 'mv_source_analytics'")
                    .query(String.class).single()).contains("unique index");
            assertThat(jdbc.sql("SELECT refreshed_at FROM mv_refresh_state WHERE view_name = 'mv_scenario_daily_stats'")
                    .query(Timestamp.class).single()).as("the views refreshed before the failure were rolled back")
                    .isEqualTo(refreshed);
        } finally {
            jdbc.sql("CREATE UNIQUE INDEX mv_source_analytics_key ON mv_source_analytics (scenario_id, source)").update();
        }
        assertThat(admin.post("/api/v1/admin/refresh-views").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM mv_refresh_state WHERE last_error IS NOT NULL").query(Long.class).single())
                .isZero();
    }

    private BigDecimal readView(String id, String expression) {
        return jdbc.sql("SELECT " + expression + " FROM mv_scenario_daily_stats WHERE scenario_id = CAST(:id AS uuid)")
                .param("id", id).query(BigDecimal.class).single();
    }

    private static BigDecimal usage(JsonNode metrics, String service, String key) {
        for (JsonNode s : metrics.get("cost_breakdown")) {
            if (s.get("service").asString().equals(service)) return s.at("/usage/" + key).decimalValue();
        }
        throw new AssertionError("no " + service + " in " + metrics);
    }

    private static BigDecimal decimal(Object value) {
        return new BigDecimal(value.toString());
    }
}
