package io.mockupaws.ops.benchmark;

import io.mockupaws.insights.HourlyRollup;
import io.mockupaws.insights.MaterializedViews;
import io.mockupaws.pricing.PipelineConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills the database with benchmark data: owners and their API keys, scenarios in every state, their stored events
 * (binary COPY, several streams in parallel), the per-minute metrics, per-source statistics and totals those events
 * add up to, reports; then builds what the application derives from them (the hourly rollup, the materialized views)
 * and VACUUM ANALYZE, so that the planner and index-only scans see a settled database.
 *
 * <p>The indexes of scenario_logs other than its primary key are dropped for the load and rebuilt from their own
 * definitions afterwards: one index build is several times cheaper than maintaining eight indexes row by row.
 */
final class BenchmarkSeeder {

    static final String OWNER_DOMAIN = "@benchmark.invalid";
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "us-east-1", "us-east-1", "eu-west-1",
            "eu-west-1", "eu-west-1", "us-west-2", "us-west-2", "eu-central-1", "ap-southeast-1"};
    private static final String[] TAGS = {"prod", "staging", "team-a", "team-b", "checkout", "search", "payments", "logs"};
    private static final String[] MODELS = {PipelineConfig.DEFAULT_MODEL_ID, "anthropic.claude-3-5-haiku-20241022-v1:0",
            "amazon.nova-lite-v1:0", "meta.llama3-8b-instruct-v1:0"};

    private final DataSource dataSource;
    private final JsonMapper json;
    private final HourlyRollup rollup;
    private final MaterializedViews views;

    BenchmarkSeeder(DataSource dataSource, JsonMapper json, HourlyRollup rollup, MaterializedViews views) {
        this.dataSource = dataSource;
        this.json = json;
        this.rollup = rollup;
        this.views = views;
    }

    record Plan(int scenarios, long logs, int months, int threads) {}

    private record ScenarioRow(UUID id, int index, UUID owner, String status, Instant created, Instant started,
                               Instant completed, Instant archived, long events, long trafficFrom, long trafficTo) {}

    DatabaseBenchmark.SeedResult seed(Plan plan, Instant now) throws Exception {
        long t0 = System.nanoTime();
        Instant start = now.minus(Duration.ofDays(30L * plan.months())).truncatedTo(ChronoUnit.DAYS);
        SplittableRandom r = new SplittableRandom(42);
        List<UUID> owners;
        List<ScenarioRow> scenarios;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            reset(c);
            owners = owners(c, Math.max(1, (plan.scenarios() + 99) / 100), r);
            scenarios = scenarios(c, plan, owners, start, now, r);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT mockupaws_ensure_monthly_partitions('scenario_logs', ?::date, ?::date)")) {
                ps.setObject(1, java.time.LocalDate.ofInstant(start, java.time.ZoneOffset.UTC));
                ps.setObject(2, java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusMonths(3));
                ps.execute();
            }
            try (Statement st = c.createStatement()) {
                st.execute("SELECT mockupaws_ensure_partition_statistics()");
            }
        }
        List<String[]> logIndexes = dropLogIndexes();
        try {
            return load(plan, now, t0, r, owners, scenarios, logIndexes);
        } catch (Exception e) {
            rebuildLogIndexes(logIndexes); // the schema stays whole even if the load failed
            throw e;
        }
    }

    private DatabaseBenchmark.SeedResult load(Plan plan, Instant now, long t0, SplittableRandom r, List<UUID> owners,
                                              List<ScenarioRow> scenarios, List<String[]> logIndexes) throws Exception {
        long c0 = System.nanoTime();
        TrafficGenerator generator = new TrafficGenerator(scenarios.stream()
                .map(s -> new TrafficGenerator.Planned(s.id(), s.events(), s.trafficFrom(), s.trafficTo())).toList());
        List<Future<TrafficGenerator.Sums>> parts = new ArrayList<>();
        long[] copied = new long[2];
        try (ExecutorService pool = Executors.newFixedThreadPool(plan.threads())) {
            for (int t = 0; t < plan.threads(); t++) {
                int part = t;
                parts.add(pool.submit(() -> copyPart(generator, part, plan.threads(), copied)));
            }
            TrafficGenerator.Sums sums = new TrafficGenerator.Sums(scenarios.size());
            for (Future<TrafficGenerator.Sums> f : parts) sums.add(f.get());
            double copySeconds = (System.nanoTime() - c0) / 1e9;

            long i0 = System.nanoTime();
            writeAggregates(scenarios, sums);
            reports(scenarios, r);
            rebuildLogIndexes(logIndexes);
            double indexSeconds = (System.nanoTime() - i0) / 1e9;

            long d0 = System.nanoTime();
            rollup.rollUp(now);
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(true);
                st.execute("VACUUM (ANALYZE) scenarios, scenario_logs, scenario_metrics, scenario_metrics_hourly, "
                        + "scenario_source_stats, scenario_ingest_totals, reports, api_keys, users");
            }
            views.refreshAll();
            double deriveSeconds = (System.nanoTime() - d0) / 1e9;
            long logs;
            long metrics;
            synchronized (copied) {
                logs = copied[0];
                metrics = copied[1];
            }
            return new DatabaseBenchmark.SeedResult(owners.size(), scenarios.size(), logs, metrics, plan.months(),
                    plan.threads(), copySeconds, (logs + metrics) / Math.max(copySeconds, 1e-9), indexSeconds,
                    deriveSeconds, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Refuses to touch a database that holds anything but benchmark data, then empties it. */
    private static void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT count(*) FROM scenarios s JOIN users u ON u.id = s.owner_id "
                    + "WHERE u.email NOT LIKE '%" + OWNER_DOMAIN + "'");
            rs.next();
            long foreign = rs.getLong(1);
            if (foreign > 0) {
                throw new IllegalStateException("this database holds " + foreign + " scenarios that the benchmark did not "
                        + "create; --seed replaces everything, so run it on its own data directory "
                        + "(MOCKUPAWS_DATA_DIR=/tmp/mockupaws-bench) or database");
            }
            st.execute("TRUNCATE scenario_logs, scenarios CASCADE");
            st.execute("DELETE FROM users WHERE email LIKE '%" + OWNER_DOMAIN + "'");
        }
    }

    private static List<UUID> owners(Connection c, int count, SplittableRandom r) throws SQLException {
        List<UUID> owners = new ArrayList<>();
        try (PreparedStatement user = c.prepareStatement("""
                INSERT INTO users (email, password_hash, full_name, tier) VALUES (?, '!', ?, 'enterprise') RETURNING id""");
             PreparedStatement key = c.prepareStatement("""
                INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, expires_at, revoked_at)
                VALUES (?, ?, ?, ?, ARRAY['ingest'], ?, ?)""")) {
            for (int i = 0; i < count; i++) {
                user.setString(1, "owner-" + i + OWNER_DOMAIN);
                user.setString(2, "Benchmark owner " + i);
                var rs = user.executeQuery();
                rs.next();
                UUID id = rs.getObject(1, UUID.class);
                owners.add(id);
                // live keys without and with an expiry, an expired one, revoked ones: what a key list looks like
                for (int k = 0; k < 6; k++) {
                    byte[] hash = new byte[32];
                    r.nextBytes(hash);
                    key.setObject(1, id);
                    key.setString(2, "shipper " + k);
                    key.setString(3, "mk_bench" + k + "x");
                    key.setBytes(4, hash);
                    Instant expires = switch (k) {
                        case 2 -> Instant.now().plus(Duration.ofDays(90));
                        case 3 -> Instant.now().minus(Duration.ofDays(3));
                        default -> null;
                    };
                    key.setTimestamp(5, expires == null ? null : Timestamp.from(expires));
                    key.setTimestamp(6, k >= 4 ? Timestamp.from(Instant.now().minus(Duration.ofDays(k))) : null);
                    key.addBatch();
                }
            }
            key.executeBatch();
        }
        return owners;
    }

    /**
     * Scenarios spread over the owners and the period: 15 % drafts (no traffic), 25 % running (traffic until now),
     * 45 % completed and 15 % archived (traffic until they stopped); events shared out with a long tail, so a few
     * scenarios are large and most are modest.
     */
    private List<ScenarioRow> scenarios(Connection c, Plan plan, List<UUID> owners, Instant start, Instant now,
                                        SplittableRandom r) throws SQLException {
        long periodMicros = micros(now) - micros(start);
        double[] weight = new double[plan.scenarios()];
        String[] status = new String[plan.scenarios()];
        double total = 0;
        for (int i = 0; i < plan.scenarios(); i++) {
            int u = r.nextInt(100);
            status[i] = u < 15 ? "draft" : u < 40 ? "running" : u < 85 ? "completed" : "archived";
            weight[i] = status[i].equals("draft") ? 0 : Math.exp(r.nextGaussian() * 0.9);
            total += weight[i];
        }
        long[] events = new long[plan.scenarios()];
        long assigned = 0;
        for (int i = 0; i < events.length; i++) {
            events[i] = total == 0 ? 0 : (long) Math.floor(plan.logs() * weight[i] / total);
            assigned += events[i];
        }
        for (int i = 0; assigned < plan.logs() && total > 0; i = (i + 1) % events.length) {
            if (weight[i] > 0) {
                events[i]++;
                assigned++;
            }
        }
        List<ScenarioRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO scenarios (id, owner_id, name, description, status, region, tags, pipeline, created_at,
                                       updated_at, started_at, completed_at, archived_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < plan.scenarios(); i++) {
                long createdMicros = micros(start) + (long) (r.nextDouble() * periodMicros * 0.9);
                long startedMicros = createdMicros + r.nextLong(3_600_000_000L);
                long endMicros = switch (status[i]) {
                    case "running" -> micros(now) - 600_000_000L;
                    case "draft" -> startedMicros;
                    default -> startedMicros + (long) ((micros(now) - startedMicros) * (0.05 + 0.9 * r.nextDouble()));
                };
                endMicros = Math.max(endMicros, startedMicros + 3_600_000_000L);
                Instant created = instant(createdMicros);
                Instant started = status[i].equals("draft") ? null : instant(startedMicros);
                Instant completed = status[i].equals("completed") || status[i].equals("archived")
                        ? instant(endMicros + 60_000_000L) : null;
                Instant archived = status[i].equals("archived") ? instant(endMicros + 86_400_000_000L) : null;
                if (archived != null && archived.isAfter(now)) archived = now;
                if (completed != null && completed.isAfter(now)) completed = now;
                UUID id = new UUID(r.nextLong() & ~0xF000L | 0x4000L, r.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
                ScenarioRow row = new ScenarioRow(id, i, owners.get(i % owners.size()), status[i], created, started,
                        completed, archived, events[i], startedMicros, endMicros);
                rows.add(row);
                ps.setObject(1, id);
                ps.setObject(2, row.owner());
                ps.setString(3, "bench-" + i + " " + TAGS[r.nextInt(TAGS.length)] + " pipeline");
                ps.setString(4, "Seeded by benchmark-db: " + row.events() + " events");
                ps.setString(5, status[i]);
                ps.setString(6, REGIONS[r.nextInt(REGIONS.length)]);
                ps.setArray(7, c.createArrayOf("text", new String[] {TAGS[r.nextInt(TAGS.length)], TAGS[r.nextInt(TAGS.length)]}));
                ps.setString(8, json.writeValueAsString(pipeline(r)));
                Instant updated = archived != null ? archived : completed != null ? completed : started != null ? started : created;
                ps.setTimestamp(9, Timestamp.from(created));
                ps.setTimestamp(10, Timestamp.from(updated));
                ps.setTimestamp(11, started == null ? null : Timestamp.from(started));
                ps.setTimestamp(12, completed == null ? null : Timestamp.from(completed));
                ps.setTimestamp(13, archived == null ? null : Timestamp.from(archived));
                ps.addBatch();
                if (i % 500 == 499) ps.executeBatch();
            }
            ps.executeBatch();
        }
        return rows;
    }

    private static PipelineConfig pipeline(SplittableRandom r) {
        int[] batches = {1, 1, 5, 10, 10, 25, 100};
        int[] memories = {128, 256, 512, 1024};
        PipelineConfig.DurationModel model = r.nextInt(3) == 0
                ? new PipelineConfig.DurationModel(java.math.BigDecimal.valueOf(20 + r.nextInt(80)),
                        new java.math.BigDecimal("0." + (1 + r.nextInt(9)) + "5"))
                : null;
        return new PipelineConfig(
                new PipelineConfig.Sqs(null, r.nextInt(3) == 0 ? 10 : 1, null),
                new PipelineConfig.Lambda(null, memories[r.nextInt(memories.length)], 50 + r.nextInt(400), model,
                        batches[r.nextInt(batches.length)], r.nextInt(5) == 0 ? 1024 : 512),
                new PipelineConfig.Bedrock(MODELS[r.nextInt(MODELS.length)], 50 + r.nextInt(300), r.nextInt(200), null),
                false, null);
    }

    /** The indexes of scenario_logs besides its primary key, as (name, definition), after dropping them. */
    private List<String[]> dropLogIndexes() throws SQLException {
        List<String[]> indexes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            var rs = st.executeQuery("""
                    SELECT i.relname, pg_get_indexdef(i.oid)
                    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                    WHERE x.indrelid = 'scenario_logs'::regclass AND NOT x.indisprimary ORDER BY 1""");
            while (rs.next()) indexes.add(new String[] {rs.getString(1), rs.getString(2)});
            for (String[] index : indexes) st.execute("DROP INDEX " + index[0]);
        }
        return indexes;
    }

    private void rebuildLogIndexes(List<String[]> indexes) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("SET maintenance_work_mem = '512MB'");
            // a partitioned index's definition reads "ON ONLY <parent>" (the parent alone); it is built on every partition
            for (String[] index : indexes) {
                var rs = st.executeQuery("SELECT to_regclass('" + index[0] + "') IS NULL");
                rs.next();
                if (rs.getBoolean(1)) st.execute(index[1].replace(" ON ONLY ", " ON "));
            }
        }
    }

    /** One COPY stream pair (events, minutes) over every {@code parts}-th day of traffic; returns its sums. */
    private TrafficGenerator.Sums copyPart(TrafficGenerator generator, int part, int parts, long[] copied) throws Exception {
        try (Connection logsConn = dataSource.getConnection(); Connection metricsConn = dataSource.getConnection()) {
            for (Connection c : List.of(logsConn, metricsConn)) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("SET synchronous_commit = off");
                }
            }
            BinaryCopy logs = new BinaryCopy(logsConn.unwrap(PGConnection.class).getCopyAPI().copyIn(TrafficGenerator.LOGS_COPY));
            BinaryCopy metrics = new BinaryCopy(
                    metricsConn.unwrap(PGConnection.class).getCopyAPI().copyIn(TrafficGenerator.METRICS_COPY));
            TrafficGenerator.Sums sums = generator.write(part, parts, logs, metrics);
            long l = logs.finish();
            long m = metrics.finish();
            synchronized (copied) {
                copied[0] += l;
                copied[1] += m;
            }
            return sums;
        }
    }

    private void writeAggregates(List<ScenarioRow> scenarios, TrafficGenerator.Sums sums) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement source = c.prepareStatement("""
                     INSERT INTO scenario_source_stats (scenario_id, source, shard, events, bytes, sqs_blocks, input_tokens, pii_events)
                     VALUES (?, ?, 0, ?, ?, ?, ?, ?)""");
             PreparedStatement totals = c.prepareStatement("""
                     INSERT INTO scenario_ingest_totals (scenario_id, shard, events, bytes, sqs_blocks, input_tokens, pii_events,
                                                         requests, last_event_at)
                     VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(true);
            for (int i = 0; i < scenarios.size(); i++) {
                long[] t = sums.scenario[i];
                if (t[0] == 0) continue;
                UUID id = scenarios.get(i).id();
                for (Map.Entry<String, long[]> e : sums.bySource.get(i).entrySet()) {
                    source.setObject(1, id);
                    source.setString(2, e.getKey());
                    for (int k = 0; k < 5; k++) source.setLong(3 + k, e.getValue()[k]);
                    source.addBatch();
                }
                totals.setObject(1, id);
                for (int k = 0; k < 6; k++) totals.setLong(2 + k, t[k]);
                totals.setTimestamp(8, Timestamp.from(instant(t[6])));
                totals.addBatch();
            }
            source.executeBatch();
            totals.executeBatch();
        }
    }

    /** Up to eight reports per scenario with traffic, mostly completed, over its active period. */
    private void reports(List<ScenarioRow> scenarios, SplittableRandom r) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO reports (scenario_id, owner_id, format, status, period_from, period_to, object_key,
                                          size_bytes, error, created_at, started_at, completed_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(true);
            for (ScenarioRow s : scenarios) {
                if (s.events() == 0) continue;
                int n = r.nextInt(9);
                for (int i = 0; i < n; i++) {
                    long at = s.trafficFrom() + r.nextLong(Math.max(1, s.trafficTo() - s.trafficFrom()));
                    int u = r.nextInt(10);
                    String status = u < 8 ? "completed" : u < 9 ? "failed" : "pending";
                    ps.setObject(1, s.id());
                    ps.setObject(2, s.owner());
                    ps.setString(3, r.nextBoolean() ? "pdf" : "csv");
                    ps.setString(4, status);
                    ps.setTimestamp(5, Timestamp.from(instant(s.trafficFrom())));
                    ps.setTimestamp(6, Timestamp.from(instant(at)));
                    ps.setString(7, status.equals("completed") ? "reports/" + s.id() + "/" + i + ".pdf" : null);
                    if (status.equals("completed")) ps.setLong(8, 20_000 + r.nextInt(2_000_000)); else ps.setNull(8, java.sql.Types.BIGINT);
                    ps.setString(9, status.equals("failed") ? "price-not-found: no bedrock price in region" : null);
                    ps.setTimestamp(10, Timestamp.from(instant(at)));
                    ps.setTimestamp(11, status.equals("pending") ? null : Timestamp.from(instant(at + 1_000_000)));
                    ps.setTimestamp(12, status.equals("completed") ? Timestamp.from(instant(at + 5_000_000)) : null);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
