package io.mockupaws.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.mockupaws.platform.QueryOrigin;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.observation.tracing.DataSourceObservationListener;
import net.ttddyy.observation.tracing.JdbcObservationDocumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

/**
 * Times every statement in-process (a datasource-proxy around the application's DataSource) and records those
 * slower than {@code MOCKUPAWS_SLOW_QUERY_MS} in {@code query_performance_log}: a hash of the normalised SQL, the
 * duration, the rows, and the route or job that ran it.
 *
 * <p>Recording never slows the query's caller: a slow statement is put on a bounded queue (dropped, and counted,
 * when full) and a background thread writes batches through the unwrapped DataSource, so its own inserts are not
 * timed and cannot recurse.
 *
 * <p>The same proxy carries the JDBC observations (a span per connection and per statement, and the
 * {@code jdbc.query} latency histogram behind the SlowQuery alert): one proxy, two listeners, rather than a second
 * proxy around the first. Counts of logged, dropped and failed slow statements are exported as
 * {@code mockupaws.db.slow.queries}.
 */
public class SlowQueryLog implements BeanPostProcessor, QueryExecutionListener, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(SlowQueryLog.class);
    private static final Pattern STRINGS = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern NUMBERS = Pattern.compile("(?<![A-Za-z_0-9$])-?\\d+(?:\\.\\d+)?\\b");
    private static final Pattern IN_LISTS = Pattern.compile("\\(\\s*\\?(?:\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    record SlowQuery(Instant at, String hash, String sql, double durationMs, Long rows, String origin, String type) {}

    private final long thresholdMs;
    private final BlockingQueue<SlowQuery> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Supplier<ObservationRegistry> observations;
    private volatile Timer slowDurations;
    private volatile DataSource target;
    private volatile Thread writer;
    private volatile boolean running = true;

    public SlowQueryLog(Environment env, Supplier<ObservationRegistry> observations) {
        this.thresholdMs = env.getProperty("mockupaws.slow-query.threshold-ms", Long.class, 200L);
        this.observations = observations;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && target == null && "dataSource".equals(beanName)) {
            target = ds;
            startWriter();
            // Connections and statements only: a span per result-set row fetch would drown the trace.
            DataSourceObservationListener spans = new DataSourceObservationListener(observations);
            spans.setSupportedTypes(EnumSet.of(JdbcObservationDocumentation.CONNECTION, JdbcObservationDocumentation.QUERY));
            return ProxyDataSourceBuilder.create(ds).name("mockupaws").listener(this).listener(spans)
                    .methodListener(spans).build();
        }
        return bean;
    }

    long thresholdMs() { return thresholdMs; }

    long droppedCount() { return dropped.get(); }

    long recordedCount() { return recorded.get(); }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("mockupaws.db.slow.queries", recorded, AtomicLong::get).tag("outcome", "logged")
                .description("Statements slower than the threshold, by what became of their log entry").register(registry);
        FunctionCounter.builder("mockupaws.db.slow.queries", dropped, AtomicLong::get).tag("outcome", "dropped")
                .description("Statements slower than the threshold, by what became of their log entry").register(registry);
        FunctionCounter.builder("mockupaws.db.slow.queries", failed, AtomicLong::get).tag("outcome", "failed")
                .description("Statements slower than the threshold, by what became of their log entry").register(registry);
        slowDurations = Timer.builder("mockupaws.db.slow.query.duration")
                .description("Duration of the statements slower than the slow-query threshold").register(registry);
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

    @Override
    public void afterQuery(ExecutionInfo exec, List<QueryInfo> queries) {
        if (exec.getElapsedTime() < thresholdMs || queries.isEmpty()) return;
        Timer durations = slowDurations;
        if (durations != null) durations.record(exec.getElapsedTime(), TimeUnit.MILLISECONDS);
        String sql = normalise(queries.getFirst().getQuery());
        Long rows = exec.getResult() instanceof Integer n ? Long.valueOf(n)
                : exec.getResult() instanceof int[] batch ? java.util.Arrays.stream(batch).asLongStream().sum() : null;
        SlowQuery q = new SlowQuery(Instant.now(), hash(sql), sql.length() > 4000 ? sql.substring(0, 4000) : sql,
                exec.getElapsedTime(), rows, QueryOrigin.current(), String.valueOf(exec.getStatementType()).toLowerCase());
        if (!queue.offer(q)) dropped.incrementAndGet();
    }

    /** Literals out, IN lists folded, white space collapsed: the same query with other values hashes the same. */
    static String normalise(String sql) {
        String s = STRINGS.matcher(sql).replaceAll("?");
        s = NUMBERS.matcher(s).replaceAll("?");
        s = IN_LISTS.matcher(s).replaceAll("(...)");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    static String hash(String normalisedSql) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalisedSql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startWriter() {
        writer = Thread.ofPlatform().daemon().name("slow-query-log").start(() -> {
            while (running || !queue.isEmpty()) {
                try {
                    SlowQuery first = queue.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) continue;
                    List<SlowQuery> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, 499);
                    try {
                        write(batch);
                    } catch (RuntimeException | SQLException e) {
                        // The log is best effort: a failure here must never reach the application's own work.
                        failed.addAndGet(batch.size());
                        log.warn("Could not record {} slow queries: {}", batch.size(), e.getMessage());
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void write(List<SlowQuery> batch) throws SQLException {
        try (Connection c = target.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO query_performance_log (logged_at, sql_hash, sql_text, duration_ms, rows, origin, statement_type)
                     VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (SlowQuery q : batch) {
                ps.setTimestamp(1, Timestamp.from(q.at()));
                ps.setString(2, q.hash());
                ps.setString(3, q.sql());
                ps.setDouble(4, q.durationMs());
                if (q.rows() == null) ps.setNull(5, java.sql.Types.BIGINT); else ps.setLong(5, q.rows());
                ps.setString(6, q.origin());
                ps.setString(7, q.type());
                ps.addBatch();
            }
            ps.executeBatch();
            if (!c.getAutoCommit()) c.commit();
            recorded.addAndGet(batch.size());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        Thread w = writer;
        if (w != null) w.join(5_000);
    }
}
