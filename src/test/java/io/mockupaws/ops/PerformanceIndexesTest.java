package io.mockupaws.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.insights.HourlyRollup;
import io.mockupaws.ops.benchmark.BenchmarkQuery;
import io.mockupaws.ops.benchmark.DatabaseBenchmark;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.StatementCapture;
import io.mockupaws.support.StatementCapture.Captured;
import io.mockupaws.support.StatementCapture.Plan;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The performance indexes (V14) serve the statements the application really sends: each endpoint is called, the
 * repository's statement is captured with its parameters and explained, and its plan must use the index built for
 * it. Tables are seeded to a few thousand rows per tenant and analysed, enough for the planner to prefer the index
 * the way it does at production sizes; where a table stays too small for that in a test (the materialized views,
 * a few hundred rows), the plan is taken with enable_seqscan off, and says so: the question there is whether the
 * index can serve the statement, which the benchmark's plans show it does at size.
 *
 * <p>The statements benchmark-db times are held to the repositories' own text here too, so the benchmark cannot
 * drift from what the application runs.
 */
class PerformanceIndexesTest extends ApiTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @Autowired
    DataSource dataSource;

    @Autowired
    DatabaseBenchmark benchmark;

    @Autowired
    HourlyRollup rollup;

    private StatementCapture capture;

    @BeforeEach
    void capture() {
        capture = StatementCapture.on(dataSource);
    }

    /** {@code count} scenarios of {@code owner}: a tenth running, half completed, a quarter archived, the rest drafts. */
    private void seedScenarios(UUID owner, int count) {
        jdbc.sql("""
                        INSERT INTO scenarios (owner_id, name, description, status, region, tags, pipeline, created_at, updated_at,
                                               started_at, completed_at, archived_at)
                        SELECT :owner, 'scenario ' || g, 'seeded for the plan tests', st,
                               (ARRAY['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1', 'ap-southeast-1'])[1 + g % 5],
                               ARRAY['team-' || (g % 7)], '{}'::jsonb, t, t,
                               CASE WHEN st <> 'draft' THEN t END, CASE WHEN st IN ('completed', 'archived') THEN t END,
                               CASE WHEN st = 'archived' THEN t END
                        FROM (SELECT g, now() - g * interval '2 hours' AS t,
                                     CASE WHEN g % 20 < 2 THEN 'running' WHEN g % 20 < 12 THEN 'completed'
                                          WHEN g % 20 < 17 THEN 'archived' ELSE 'draft' END AS st
                              FROM generate_series(1, :count) g) x""")
                .param("owner", owner).param("count", count).update();
    }

    private Captured statement(Runnable call, Predicate<String> sql) {
        return capture.single(call, sql);
    }

    private Runnable ok(Api api, String path) {
        return () -> {
            caches.clearAll(); // a cached answer sends no statement: every call here must reach the database
            Api.Response r = api.get(path);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        };
    }

    @Test
    void scenarioListsFiltersAndCountsUseTheirIndexes() {
        // many tenants, as in production: the caller has 2,000 of 22,000 scenarios
        seedScenarios(owner.id(), 2000);
        for (int i = 0; i < 20; i++) seedScenarios(newUser("tenant" + i).id(), 1000);
        jdbc.sql("VACUUM ANALYZE scenarios").update(); // what autovacuum does: index-only scans need the visibility map
        Predicate<String> list = sql -> sql.startsWith("SELECT id, owner_id") && sql.contains("FROM scenarios");
        Predicate<String> count = sql -> sql.startsWith("SELECT count(*) FROM scenarios");
        Api admin = adminApi();

        Map<String, String> listIndex = Map.of(
                "/api/v1/scenarios", "idx_scenarios_covering",
                "/api/v1/scenarios?status=running", "idx_scenarios_status_created",
                "/api/v1/scenarios?status=draft", "idx_scenarios_status_created",
                "/api/v1/scenarios?status=archived&sort_order=asc", "idx_scenarios_status_created",
                "/api/v1/scenarios?status=completed&region=eu-west-1", "idx_scenarios_region_status");
        listIndex.forEach((path, index) -> {
            Plan plan = capture.explain(statement(ok(api, path), list));
            assertThat(plan.indexes()).as(path + "\n" + plan.text()).containsExactly(index);
            assertThat(plan.nodeTypes()).as(path + ": read in order, not sorted").doesNotContain("Sort");
        });

        // counts for the page total are index-only scans: by status, and the other filters from the covering
        // index's payload (tags included)
        Plan running = capture.explain(statement(ok(api, "/api/v1/scenarios?status=running"), count));
        assertThat(running.indexes()).as(running.text()).containsExactly("idx_scenarios_status_created");
        assertThat(running.nodeTypes()).contains("Index Only Scan");
        Plan tagged = capture.explain(statement(ok(api, "/api/v1/scenarios?tag=team-3&region=us-west-2"), count));
        assertThat(tagged.indexes()).as(tagged.text()).containsExactly("idx_scenarios_covering");
        assertThat(tagged.nodeTypes()).contains("Index Only Scan");

        // the cursor list (v2) pages by keyset along the same index
        String next = api.get("/api/v2/scenarios?limit=20").json().get("next_cursor").asString();
        Plan page2 = capture.explain(statement(ok(api, "/api/v2/scenarios?limit=20&cursor=" + next), list));
        assertThat(page2.indexes()).as(page2.text()).containsExactly("idx_scenarios_covering");

        // administrators list across tenants: the running ones, and those not archived, from the partial indexes
        Plan live = capture.explain(statement(ok(admin, "/api/v1/scenarios?status=running"), list));
        assertThat(live.indexes()).as(live.text()).containsExactly("idx_scenarios_running");
        Plan drafts = capture.explain(statement(ok(admin, "/api/v1/scenarios?status=draft"), list));
        assertThat(drafts.indexes()).as(drafts.text()).containsExactly("idx_scenarios_active");
    }

    @Test
    void storedEventListingsUseTheirIndexesOnEveryPartition() {
        UUID scenario = seedLogs();
        String logs = "/api/v1/scenarios/" + scenario + "/logs";
        Predicate<String> select = sql -> sql.contains("FROM v_scenario_logs_all WHERE scenario_id");
        String from = NOW.minus(10, ChronoUnit.DAYS).toString();

        Map<String, String> index = Map.of(
                logs, "idx_logs_scenario_received",
                logs + "?from=" + from + "&to=" + NOW, "idx_logs_scenario_received",
                logs + "?sort_order=asc", "idx_logs_scenario_received",
                logs + "?source=src-3", "idx_logs_scenario_source",
                logs + "?sort_by=size_bytes", "idx_logs_scenario_size");
        index.forEach((path, expected) -> {
            Plan plan = capture.explain(statement(ok(api, path), select));
            assertThat(live(plan)).as(path + "\n" + plan.text()).containsExactly(expected);
            assertNoLargeScan(plan, path);
        });
        // PII events only: the (scenario, has_pii, time) index or, partition by partition where it is cheaper, the
        // PII-only partial index; events without PII (7 in 8) also by time with has_pii as a filter. (In a small
        // partition the planner may read the time index and filter: still by index, never a scan of the partition.)
        Map<String, List<String>> either = Map.of(
                logs + "?has_pii=true", List.of("idx_logs_scenario_pii", "idx_logs_pii_only"),
                logs + "?pii_type=email", List.of("idx_logs_scenario_pii", "idx_logs_pii_only"),
                logs + "?has_pii=false", List.of("idx_logs_scenario_pii", "idx_logs_scenario_received"));
        either.forEach((path, indexes) -> {
            Plan plan = capture.explain(statement(ok(api, path), select));
            assertThat(live(plan)).as(path + "\n" + plan.text()).containsAnyElementsOf(indexes)
                    .allMatch(i -> i.startsWith("idx_logs_scenario_") || i.equals("idx_logs_pii_only"));
            assertNoLargeScan(plan, path);
        });
        // the next page too (keyset on (received_at, id))
        String cursor = api.get(logs + "?limit=20").json().get("next_cursor").asString();
        Plan next = capture.explain(statement(ok(api, logs + "?limit=20&cursor=" + cursor), select));
        assertThat(live(next)).as(next.text()).containsExactly("idx_logs_scenario_received");

        // deleting a scenario deletes its events through an index, not by reading every partition
        Plan delete = capture.explain("DELETE FROM scenario_logs WHERE scenario_id = ?", ps -> ps.setObject(1, scenario));
        assertNoLargeScan(delete, "DELETE");
        assertThat(delete.indexes()).as(delete.text()).isNotEmpty()
                .allMatch(i -> i.startsWith("idx_logs_") && !i.equals("idx_logs_recent")); // any index led by scenario_id
    }

    @Test
    void theAggregatesOverStoredEventsAreIndexOnlyScans() throws Exception {
        seedLogs();
        List<BenchmarkQuery> queries = benchmark.queries();

        Plan aggregate = explain(query(queries, "logs_aggregate"));
        assertThat(aggregate.indexes()).as(aggregate.text()).containsExactly("idx_logs_covering");
        assertThat(aggregate.nodeTypes()).contains("Index Only Scan");
        Plan pii = explain(query(queries, "pii_detection_query"));
        assertThat(pii.indexes()).as(pii.text()).containsExactly("idx_logs_pii_only");
        assertThat(pii.nodeTypes()).contains("Index Only Scan");

        // across every scenario, a recent window: the BRIN index on the partitions the window overlaps
        Plan recent = capture.explain("SELECT count(*), sum(char_count) FROM scenario_logs WHERE received_at >= ?",
                ps -> ps.setTimestamp(1, Timestamp.from(NOW.minus(6, ChronoUnit.HOURS))));
        assertThat(recent.indexes()).as(recent.text()).containsExactly("idx_logs_recent");
    }

    @Test
    void reportsOfAScenarioNewestFirstUseTheirIndex() throws Exception {
        seedLogs();
        jdbc.sql("""
                        INSERT INTO reports (scenario_id, owner_id, format, status, created_at)
                        SELECT s.id, s.owner_id, 'csv', 'pending', now() - g * interval '1 hour'
                        FROM scenarios s, generate_series(1, 100) g""").update();
        jdbc.sql("ANALYZE reports").update();

        Plan plan = explain(query(benchmark.queries(), "reports_by_scenario"));

        assertThat(plan.indexes()).as(plan.text()).containsExactly("idx_reports_scenario_created");
        assertThat(plan.nodeTypes()).doesNotContain("Sort");
    }

    @Test
    void theLiveKeyCountReadsTheTwoPartialKeyIndexes() {
        // 2,000 users with six keys each: live, expiring, expired and revoked ones
        jdbc.sql("""
                        WITH u AS (INSERT INTO users (email, password_hash) SELECT 'keys-' || g || '@example.com', '!'
                                   FROM generate_series(1, 2000) g RETURNING id)
                        INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, expires_at, revoked_at)
                        SELECT u.id, 'key ' || k, 'mk_test', sha256(convert_to(u.id::text || k, 'UTF8')), ARRAY['ingest'],
                               CASE k WHEN 2 THEN now() + interval '30 days' WHEN 3 THEN now() - interval '1 day' END,
                               CASE WHEN k >= 4 THEN now() END
                        FROM u, generate_series(0, 5) k""").update();
        jdbc.sql("ANALYZE api_keys").update();

        Captured count = statement(() -> assertThat(api.post("/api/v1/api-keys",
                        "{\"name\":\"shipper\",\"scopes\":[\"ingest\"]}").status()).isEqualTo(201),
                sql -> sql.startsWith("SELECT count(*) FROM api_keys"));
        Plan plan = capture.explain(count);

        assertThat(plan.indexes()).as(plan.text()).containsExactlyInAnyOrder("idx_apikeys_active", "idx_apikeys_valid");
        assertThat(plan.nodeTypes()).contains("BitmapOr");
    }

    @Test
    void insightsReadTheMinutesTheRollupAndTheDailyViewByTheirKeys() {
        UUID scenario = seedLogs();
        // the traffic's minutes (30 scenarios × 2,500), rolled up and materialized
        rollup.rollUp(Instant.now());
        assertThat(adminApi().post("/api/v1/admin/refresh-views").status()).isEqualTo(200);
        jdbc.sql("ANALYZE").update();

        Captured aggregate = statement(ok(api, "/api/v1/scenarios/" + scenario + "/metrics?granularity=day"),
                sql -> sql.contains("WITH raw AS"));
        // the daily view holds a few thousand rows here: too few for the planner to prefer its index (see the class comment)
        Plan plan = capture.explain(aggregate, "enable_seqscan = off");
        assertThat(plan.indexes()).as(plan.text()).contains("idx_metrics_scenario_time_type",
                "scenario_metrics_hourly_pkey", "mv_scenario_daily_stats_key");
        assertThat(plan.seqScanned()).as(plan.text()).isEmpty();

        Captured sources = statement(ok(api, "/api/v1/scenarios/" + scenario + "/sources"),
                sql -> sql.contains("FROM mv_source_analytics"));
        assertThat(capture.explain(sources, "enable_seqscan = off").indexes()).containsExactly("mv_source_analytics_key");
    }

    @Test
    void theBenchmarkTimesTheStatementsTheRepositoriesSend() throws Exception {
        seedLogs();
        List<BenchmarkQuery> queries = benchmark.queries();
        UUID scenario = (UUID) query(queries, "logs_by_scenario").params().getFirst().getFirst();
        String logs = "/api/v1/scenarios/" + scenario + "/logs";
        String from = NOW.minus(7, ChronoUnit.DAYS).toString();
        Map<String, String> endpoint = Map.of(
                "scenario_list", "/api/v1/scenarios",
                "scenario_by_status", "/api/v1/scenarios?status=running",
                "scenario_by_region", "/api/v1/scenarios?status=completed&region=us-east-1",
                "count_by_status", "/api/v1/scenarios?status=running",
                "logs_by_scenario", logs,
                "logs_by_scenario_and_date", logs + "?from=" + from + "&to=" + NOW,
                "logs_by_source", logs + "?source=src-1",
                "logs_top_by_size", logs + "?sort_by=size_bytes");
        endpoint.forEach((name, path) -> {
            String sent = capture.during(ok(api, path)).stream().map(c -> SlowQueryLog.normalise(c.sql()))
                    .collect(Collectors.joining("\n"));
            assertThat(sent).as(name).contains(SlowQueryLog.normalise(query(queries, name).sql()));
        });
        String keys = capture.during(() -> api.post("/api/v1/api-keys", "{\"name\":\"k\",\"scopes\":[\"ingest\"]}"))
                .stream().map(c -> SlowQueryLog.normalise(c.sql())).collect(Collectors.joining("\n"));
        assertThat(keys).contains(SlowQueryLog.normalise(query(queries, "api_keys_live_count").sql()));
    }

    /** 30 running scenarios of the owner with 2,500 events each over four months (1 in 8 with PII), analysed. */
    private UUID seedLogs() {
        jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs', (now() - interval '5 months')::date, now()::date)")
                .query(Integer.class).single();
        List<UUID> ids = jdbc.sql("""
                        INSERT INTO scenarios (owner_id, name, status, region, pipeline, created_at, started_at)
                        SELECT :owner, 'traffic ' || g, 'running', 'us-east-1', '{}'::jsonb, now() - interval '5 months',
                               now() - interval '5 months'
                        FROM generate_series(1, 30) g RETURNING id""")
                .param("owner", owner.id()).query(UUID.class).list();
        jdbc.sql("""
                        INSERT INTO scenario_logs (scenario_id, received_at, source, message_hash, preview, size_bytes, sqs_blocks,
                                                   token_count, char_count, pii_types, has_pii)
                        SELECT s.id, now() - g * interval '70 minutes' - n * interval '1 second',
                               CASE WHEN g % 50 = 0 THEN NULL ELSE 'src-' || (g % 12) END,
                               sha256(convert_to(s.id::text || g, 'UTF8')), 'event ' || g || ' of a seeded scenario',
                               100 + (g * 7919) % 5000, 1, 25 + g % 1000, 100 + (g * 7919) % 5000,
                               CASE WHEN g % 8 <> 0 THEN '{}' WHEN g % 16 = 0 THEN '{email}' ELSE '{ipv4}' END::text[], g % 8 = 0
                        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM scenarios WHERE id = ANY(:ids)) s,
                             generate_series(1, 2500) g
                        ORDER BY 2""")
                .param("ids", ids.toArray(UUID[]::new)).update();
        jdbc.sql("""
                        INSERT INTO scenario_ingest_totals (scenario_id, shard, events, requests, last_event_at)
                        SELECT scenario_id, 0, count(*), count(*), max(received_at) FROM scenario_logs GROUP BY scenario_id""")
                .update();
        jdbc.sql("""
                        INSERT INTO scenario_source_stats (scenario_id, source, shard, events)
                        SELECT scenario_id, coalesce(source, ''), 0, count(*) FROM scenario_logs GROUP BY 1, 2""").update();
        jdbc.sql("""
                        INSERT INTO scenario_metrics (scenario_id, minute, shard, events)
                        SELECT scenario_id, date_trunc('minute', received_at), 0, count(*) FROM scenario_logs
                        GROUP BY 1, 2 ON CONFLICT DO NOTHING""").update();
        jdbc.sql("VACUUM ANALYZE scenario_logs").update();
        jdbc.sql("ANALYZE").update();
        return ids.getFirst();
    }

    /**
     * No sequential scan of a partition of any size: one of an empty or nearly empty partition (next month's, or
     * the first month's few rows) is what the planner should choose there.
     */
    /**
     * The indexes a listing uses on the live table. Listings read live and archived events through
     * v_scenario_logs_all, so the plan also touches the archive's own index; that side is the archiver's concern.
     */
    private static java.util.Set<String> live(Plan plan) {
        return plan.indexes().stream().filter(i -> !i.contains("archive"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private void assertNoLargeScan(Plan plan, String what) {
        for (String relation : plan.seqScanned()) {
            int pages = jdbc.sql("SELECT relpages FROM pg_class WHERE oid = to_regclass(:r)").param("r", relation)
                    .query(Integer.class).single();
            assertThat(pages).as(what + ": sequential scan of " + relation + "\n" + plan.text()).isLessThanOrEqualTo(8);
        }
    }

    private static BenchmarkQuery query(List<BenchmarkQuery> queries, String name) {
        return queries.stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
    }

    private Plan explain(BenchmarkQuery q) {
        return capture.explain(q.sql(), ps -> {
            List<Object> params = q.params().getFirst();
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Instant t) ps.setTimestamp(i + 1, Timestamp.from(t)); else ps.setObject(i + 1, p);
            }
        });
    }
}
