package io.mockupaws.cli;

import io.mockupaws.ops.benchmark.BenchmarkQuery;
import io.mockupaws.ops.benchmark.DatabaseBenchmark;
import io.mockupaws.ops.benchmark.DatabaseBenchmark.PhaseResult;
import io.mockupaws.ops.benchmark.DatabaseBenchmark.QueryResult;
import io.mockupaws.ops.benchmark.DatabaseBenchmark.SeedResult;
import io.mockupaws.ops.benchmark.Phase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "benchmark-db", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Seeds realistic data and times the database statements of mockupAWS with and without the "
                + "performance migration (indexes V14, materialized views V15): p50/p95 per statement, EXPLAIN "
                + "(ANALYZE, BUFFERS) plans saved per statement.",
                "Run it on its own data directory (MOCKUPAWS_DATA_DIR) or database: --seed replaces the data, and "
                        + "--before locks the tables whose indexes it takes away for the duration of the run."})
class BenchmarkDbCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "replace the data with generated data first (binary COPY)")
    boolean seed;

    @Option(names = "--scenarios", defaultValue = "1000", description = "scenarios to seed (default ${DEFAULT-VALUE})")
    int scenarios;

    @Option(names = "--logs", defaultValue = "10000000", description = "stored events to seed (default ${DEFAULT-VALUE})")
    long logs;

    @Option(names = "--months", defaultValue = "6", description = "months the seeded traffic spans (default ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--seed-threads", defaultValue = "2", description = "parallel COPY streams (default ${DEFAULT-VALUE})")
    int seedThreads;

    @Option(names = "--before", description = "time the statements without the performance migration")
    boolean before;

    @Option(names = "--after", description = "time the statements with it (as migrated)")
    boolean after;

    @Option(names = "--compare", description = "--before and --after, and a table of both with the improvement")
    boolean compare;

    @Option(names = "--runs", defaultValue = "30", description = "timed runs per statement (default ${DEFAULT-VALUE}), after 2 warm-up runs")
    int runs;

    @Option(names = "--max-seconds", defaultValue = "30",
            description = "stop timing a statement after this many seconds once it has 3 runs (default ${DEFAULT-VALUE})")
    int maxSeconds;

    @Option(names = "--plans", defaultValue = "benchmark-db-plans", paramLabel = "DIR",
            description = "where EXPLAIN (ANALYZE, BUFFERS) of each statement is saved, per phase (default ${DEFAULT-VALUE})")
    Path plans;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (compare) before = after = true;
        if (!seed && !before && !after) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
        if (runs < 1 || maxSeconds < 1) throw new IllegalArgumentException("--runs and --max-seconds must be at least 1");
        PrintWriter out = spec.commandLine().getOut();
        // the benchmark's own statements are not what the slow-query log is for
        try (var ctx = CliContext.start("--mockupaws.slow-query.threshold-ms=3600000")) {
            DatabaseBenchmark benchmark = ctx.getBean(DatabaseBenchmark.class);
            Map<String, Object> machine = machine(ctx.getBean(DataSource.class));
            out.printf("machine: %s%n", machine);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("machine", machine);
            if (seed) {
                out.printf("seeding %,d scenarios and %,d events over %d months with %d COPY streams...%n", scenarios, logs,
                        months, seedThreads);
                out.flush();
                SeedResult s = benchmark.seed(scenarios, logs, months, seedThreads);
                out.printf("seeded %,d owners, %,d scenarios, %,d events and %,d metric rows: COPY %.1f s = %,.0f rows/s; "
                                + "indexes and aggregates %.1f s; rollup, VACUUM ANALYZE and views %.1f s; total %.1f s%n",
                        s.owners(), s.scenarios(), s.logRows(), s.metricRows(), s.copySeconds(), s.rowsPerSecond(),
                        s.indexSeconds(), s.deriveSeconds(), s.totalSeconds());
                report.put("seed", s);
            }
            if (before || after) {
                List<BenchmarkQuery> queries = benchmark.queries();
                Duration budget = Duration.ofSeconds(maxSeconds);
                PhaseResult b = before ? phase(out, benchmark, Phase.BEFORE, queries, budget) : null;
                PhaseResult a = after ? phase(out, benchmark, Phase.AFTER, queries, budget) : null;
                out.println();
                out.print(b != null && a != null ? compareTable(b, a) : phaseTable(a != null ? a : b));
                out.printf("plans: %s%n", plans.toAbsolutePath());
                if (b != null) report.put("before", b);
                if (a != null) report.put("after", a);
                if (b != null && a != null) report.put("comparison", comparison(b, a));
            }
            if (json != null) {
                JsonMapper mapper = ctx.getBean(JsonMapper.class).rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
                if (json.toAbsolutePath().getParent() != null) Files.createDirectories(json.toAbsolutePath().getParent());
                Files.writeString(json, mapper.writeValueAsString(report));
                out.printf("json: %s%n", json.toAbsolutePath());
            }
            return 0;
        }
    }

    private PhaseResult phase(PrintWriter out, DatabaseBenchmark benchmark, Phase phase, List<BenchmarkQuery> queries,
                              Duration budget) throws SQLException, IOException {
        out.printf("running %d statements %s the performance migration (%d runs each)...%n", queries.size(),
                phase == Phase.BEFORE ? "without" : "with", runs);
        out.flush();
        PhaseResult r = benchmark.run(phase, queries, runs, budget, plans);
        out.printf("  %s: %.1f s%n", phase.label(), r.seconds());
        return r;
    }

    static String phaseTable(PhaseResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-26s %-10s %10s %10s %6s %11s  %s%n", "Query", "Kind", "p50", "p95", "runs", "Server", "Target (p95)"));
        for (QueryResult q : r.queries()) {
            s.append(String.format("%-26s %-10s %10s %10s %6d %11s  %s%n", q.name(), q.kind(), ms(q.p50Ms()), ms(q.p95Ms()),
                    q.runs(), ms(q.planExecutionMs()), target(q)));
        }
        s.append(SERVER_NOTE);
        return s.toString();
    }

    static String compareTable(PhaseResult before, PhaseResult after) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-26s %-10s %11s %11s %11s %11s %12s %11s  %s%n", "Query", "Kind", "Before p50",
                "Before p95", "After p50", "After p95", "Improvement", "Server", "Target (after p95)"));
        for (QueryResult a : after.queries()) {
            QueryResult b = before.query(a.name());
            s.append(String.format("%-26s %-10s %11s %11s %11s %11s %12s %11s  %s%n", a.name(), a.kind(), ms(b.p50Ms()),
                    ms(b.p95Ms()), ms(a.p50Ms()), ms(a.p95Ms()), improvement(b, a), ms(a.planExecutionMs()), target(a)));
        }
        long met = after.queries().stream().filter(QueryResult::meetsTarget).count();
        s.append(String.format("%d of %d statements meet their target (p95: point/list <= 10 ms, aggregate <= 50 ms)%n", met,
                after.queries().size()));
        s.append(SERVER_NOTE);
        return s.toString();
    }

    private static final String SERVER_NOTE = "Server: execution time of the (after) statement's EXPLAIN ANALYZE, one run, "
            + "inside PostgreSQL: the work without the client and the scheduler of a busy machine\n";

    private static List<Map<String, Object>> comparison(PhaseResult before, PhaseResult after) {
        return after.queries().stream().map(a -> {
            QueryResult b = before.query(a.name());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("query", a.name());
            m.put("kind", a.kind());
            m.put("target_p95_ms", a.targetMs());
            m.put("before_p50_ms", b.p50Ms());
            m.put("before_p95_ms", b.p95Ms());
            m.put("after_p50_ms", a.p50Ms());
            m.put("after_p95_ms", a.p95Ms());
            m.put("after_server_execution_ms", a.planExecutionMs());
            m.put("speedup_p95", a.p95Ms() == 0 ? null : b.p95Ms() / a.p95Ms());
            m.put("meets_target", a.meetsTarget());
            return m;
        }).toList();
    }

    private static String improvement(QueryResult b, QueryResult a) {
        if (a.p95Ms() <= 0) return "-";
        double x = b.p95Ms() / a.p95Ms();
        return x >= 10 ? String.format("%,.0fx", x) : x >= 1 ? String.format("%.1fx", x) : String.format("%.2fx", x);
    }

    private static String target(QueryResult q) {
        return (q.meetsTarget() ? "met" : "MISSED") + " (<= " + q.targetMs() + " ms)";
    }

    private static String ms(double v) {
        return v >= 100 ? String.format("%,.0f ms", v) : String.format("%.2f ms", v);
    }

    /** What the figures were measured on: they mean little without it. */
    private static Map<String, Object> machine(DataSource dataSource) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        m.put("memory_gib", mem == null ? null : Math.round(Long.parseLong(mem.replaceAll("\\D", "")) / 1048576.0));
        Path load = Path.of("/proc/loadavg");
        m.put("load_average", Files.isReadable(load) ? Files.readString(load).strip().split(" ")[0] : null);
        m.put("java", Runtime.version().toString());
        m.put("postgresql", JdbcClient.create(dataSource).sql("SHOW server_version").query(String.class).single());
        return m;
    }

    private static String firstValue(Path file, String key) throws IOException {
        if (!Files.isReadable(file)) return null;
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElse(null);
    }
}
