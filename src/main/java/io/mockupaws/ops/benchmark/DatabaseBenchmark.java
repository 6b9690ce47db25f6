package io.mockupaws.ops.benchmark;

import io.mockupaws.insights.HourlyRollup;
import io.mockupaws.insights.MaterializedViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database benchmark ({@code benchmark-db}): seeds data, and times the benchmark's statements against the schema
 * without the performance migration ({@link Phase#BEFORE}) and with it ({@link Phase#AFTER}).
 *
 * <p>"Before" is measured inside one transaction that first runs the down-scripts of V41, V15 and V14
 * ({@code db/rollback/U41…}, {@code U15…}, {@code U14…}) and is rolled back at the end: PostgreSQL's DDL is transactional, so the
 * indexes and views are gone for the statements of that transaction only, and come back without being rebuilt or
 * re-migrated — the schema cannot be left half-undone by a failure or a kill. The price: the dropped indexes' tables
 * are locked exclusively for the duration, so run it on a benchmark database, not next to live traffic.
 */
@Service
public class DatabaseBenchmark {

    private static final int WARMUP_RUNS = 2;
    private static final int MIN_RUNS = 3;

    private final DataSource dataSource;
    private final MaterializedViews views;
    private final BenchmarkSeeder seeder;

    DatabaseBenchmark(DataSource dataSource, JsonMapper json, HourlyRollup rollup, MaterializedViews views) {
        this.dataSource = dataSource;
        this.views = views;
        this.seeder = new BenchmarkSeeder(dataSource, json, rollup, views);
    }

    public record SeedResult(int owners, int scenarios, long logRows, long metricRows, int months, int threads,
                             double copySeconds, double rowsPerSecond, double indexSeconds, double deriveSeconds,
                             double totalSeconds) {}

    /**
     * Timings of one statement in one phase, in milliseconds, measured by the client around execute and fetch;
     * {@code planFile} holds its EXPLAIN (ANALYZE, BUFFERS), whose server-side execution time is {@code planExecutionMs}
     * (one run: what the statement costs the server, without the client and the scheduler of a busy machine).
     */
    public record QueryResult(String name, String kind, int targetMs, String description, int runs, double p50Ms,
                              double p95Ms, double meanMs, double minMs, double maxMs, long rows, String planFile,
                              double planExecutionMs) {

        public boolean meetsTarget() {
            return p95Ms <= targetMs;
        }
    }

    public record PhaseResult(Phase phase, Instant startedAt, double seconds, List<QueryResult> queries) {

        public QueryResult query(String name) {
            return queries.stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * Replaces the database's content with {@code scenarios} scenarios and {@code logs} stored events spread over
     * {@code months} months, loaded by {@code threads} COPY streams. Refuses a database with data of real users.
     */
    public SeedResult seed(int scenarios, long logs, int months, int threads) throws Exception {
        if (scenarios < 1 || logs < 0 || months < 1 || threads < 1) {
            throw new IllegalArgumentException("scenarios, months and threads must be at least 1, logs at least 0");
        }
        return seeder.seed(new BenchmarkSeeder.Plan(scenarios, logs, months, threads), Instant.now());
    }

    /** The statements with their parameters, chosen from the data as it is now. */
    public List<BenchmarkQuery> queries() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return BenchmarkQueries.catalogue(c);
        }
    }

    /**
     * Runs every statement {@code runs} times (after {@value #WARMUP_RUNS} warm-up runs, cycling through its
     * parameter sets), but stops a statement after {@code budget} once it has {@value #MIN_RUNS} runs — without the
     * indexes some take seconds each — and saves one EXPLAIN (ANALYZE, BUFFERS) per statement into
     * {@code plans/<phase>/<statement>.txt}.
     */
    public PhaseResult run(Phase phase, List<BenchmarkQuery> queries, int runs, Duration budget, Path plans)
            throws SQLException, IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path dir = plans.resolve(phase.label());
        Files.createDirectories(dir);
        if (phase == Phase.AFTER) views.refreshAll();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            c.setAutoCommit(false);
            try {
                if (phase == Phase.BEFORE) {
                    for (String script : List.of("U41__partition_statistics.sql", "U15__materialized_views.sql",
                            "U14__performance_indexes.sql")) {
                        runScript(c, "db/rollback/" + script);
                    }
                }
                List<QueryResult> results = new ArrayList<>();
                for (BenchmarkQuery q : queries) results.add(time(c, phase, q, runs, budget, dir));
                return new PhaseResult(phase, started, (System.nanoTime() - t0) / 1e9, results);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static QueryResult time(Connection c, Phase phase, BenchmarkQuery q, int runs, Duration budget, Path dir)
            throws SQLException, IOException {
        String sql = q.sql(phase);
        List<Double> ms = new ArrayList<>();
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            long spent = 0;
            for (int i = 0; i < WARMUP_RUNS + runs; i++) {
                bind(ps, q.params().get(i % q.params().size()));
                long s0 = System.nanoTime();
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int col = 1; col <= columns; col++) rs.getObject(col);
                        n++;
                    }
                }
                long elapsed = System.nanoTime() - s0;
                if (i < WARMUP_RUNS) continue;
                ms.add(elapsed / 1e6);
                rows = n;
                spent += elapsed;
                if (ms.size() >= MIN_RUNS && spent > budget.toNanos()) break;
            }
        }
        Path plan = dir.resolve(q.name() + ".txt");
        String explained = explain(c, q, sql);
        Files.writeString(plan, explained);
        java.util.regex.Matcher execution = java.util.regex.Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(explained);
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new QueryResult(q.name(), q.kind().label, q.kind().targetMs, q.description(), sorted.length,
                percentile(sorted, 50), percentile(sorted, 95), Arrays.stream(sorted).average().orElse(0), sorted[0],
                sorted[sorted.length - 1], rows, plan.toString(),
                execution.find() ? Double.parseDouble(execution.group(1)) : Double.NaN);
    }

    private static String explain(Connection c, BenchmarkQuery q, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        out.append("-- ").append(q.name()).append(": ").append(q.description()).append('\n');
        out.append("-- parameters: ").append(q.params().getFirst()).append('\n');
        out.append(sql.strip()).append("\n\n");
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            bind(ps, q.params().getFirst());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }

    /** A whole SQL file as one execute: the driver splits it, dollar-quoted bodies included. */
    static void runScript(Connection c, String resource) throws SQLException, IOException {
        try (Statement st = c.createStatement(); var in = new ClassPathResource(resource).getInputStream()) {
            st.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Instant t) ps.setTimestamp(i + 1, Timestamp.from(t));
            else if (p instanceof UUID || p instanceof Integer || p instanceof Long) ps.setObject(i + 1, p);
            else ps.setString(i + 1, (String) p);
        }
    }

    /** Nearest rank: the smallest value with at least p % of the values at or below it. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
