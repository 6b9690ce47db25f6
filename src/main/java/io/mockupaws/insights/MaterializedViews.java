package io.mockupaws.insights;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.mockupaws.platform.web.ApiException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The insights' materialized views (migration V15): refreshes them, records when, and exports how old each is as
 * {@code mockupaws.insights.mv.refresh.age} (the MaterializedViewStale alert).
 *
 * <p>A refresh is one transaction that first takes a transaction-level advisory lock: two instances (or the schedule
 * and an operator) never refresh at the same time, and the lock goes with the transaction, so it also holds through
 * PgBouncer in transaction mode. The views are refreshed {@code CONCURRENTLY} (readers are never blocked), in
 * dependency order: the monthly view is computed from the daily one.
 */
@Service
public class MaterializedViews implements MeterBinder {

    /** In refresh order. */
    public static final List<String> VIEWS = List.of("mv_scenario_daily_stats", "mv_monthly_costs", "mv_source_analytics");

    private static final Logger log = LoggerFactory.getLogger(MaterializedViews.class);
    private static final Duration AGE_CACHE = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Map<String, Double> ages = new ConcurrentHashMap<>();
    private volatile Instant agesReadAt = Instant.EPOCH;

    MaterializedViews(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** One view's refresh: how long it took and how many rows the view has now. */
    public record ViewRefresh(String view, Instant refreshedAt, long durationMs, long rows) {}

    public record Refresh(Instant startedAt, long durationMs, List<ViewRefresh> views) {}

    /** Another refresh holds the lock; nothing was done. */
    public static final class RefreshInProgress extends RuntimeException {
        RefreshInProgress() {
            super("another refresh of the materialized views is running");
        }
    }

    /**
     * Refreshes every view, or none: a failure rolls all of them back and is recorded against the view that failed.
     *
     * @throws RefreshInProgress when another instance or caller is refreshing
     */
    public Refresh refreshAll() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        String[] current = {null};
        try {
            List<ViewRefresh> done = tx.execute(status -> {
                boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('mockupaws:materialized-views'))")
                        .query(Boolean.class).single();
                if (!locked) throw new RefreshInProgress();
                List<ViewRefresh> views = new ArrayList<>();
                for (String view : VIEWS) {
                    current[0] = view;
                    // when the refresh's snapshot is taken, at the latest: what the view's age is counted from
                    Instant at = jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
                    long v0 = System.nanoTime();
                    jdbc.sql("REFRESH MATERIALIZED VIEW CONCURRENTLY " + view).update();
                    long ms = (System.nanoTime() - v0) / 1_000_000;
                    long rows = jdbc.sql("SELECT count(*) FROM " + view).query(Long.class).single();
                    jdbc.sql("""
                                    INSERT INTO mv_refresh_state (view_name, refreshed_at, duration_ms, row_count, last_attempt_at, last_error)
                                    VALUES (:view, :at, :ms, :rows, :at, NULL)
                                    ON CONFLICT (view_name) DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at,
                                        duration_ms = EXCLUDED.duration_ms, row_count = EXCLUDED.row_count,
                                        last_attempt_at = EXCLUDED.last_attempt_at, last_error = NULL""")
                            .param("view", view).param("at", Timestamp.from(at)).param("ms", ms).param("rows", rows)
                            .update();
                    views.add(new ViewRefresh(view, at, ms, rows));
                }
                return views;
            });
            agesReadAt = Instant.EPOCH;
            return new Refresh(started, (System.nanoTime() - t0) / 1_000_000, done);
        } catch (RefreshInProgress e) {
            throw e;
        } catch (RuntimeException e) {
            recordFailure(current[0], e);
            throw e;
        }
    }

    private void recordFailure(String view, RuntimeException e) {
        if (view == null) return;
        log.warn("Refreshing materialized view {} failed: {}", view, e.getMessage());
        try {
            jdbc.sql("""
                            INSERT INTO mv_refresh_state (view_name, last_attempt_at, last_error) VALUES (:view, now(), :error)
                            ON CONFLICT (view_name) DO UPDATE SET last_attempt_at = now(), last_error = EXCLUDED.last_error""")
                    .param("view", view).param("error", String.valueOf(e.getMessage())).update();
        } catch (RuntimeException again) {
            log.warn("Could not record the failed refresh of {}: {}", view, again.getMessage());
        }
    }

    /** The same refresh for the API: a refresh already running is 409, a failed one 503 with the database's reason. */
    Refresh refreshForApi() {
        try {
            return refreshAll();
        } catch (RefreshInProgress e) {
            throw ApiException.conflict("refresh-in-progress", "The materialized views are being refreshed by another "
                    + "instance or request; try again when it has finished");
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "refresh-failed",
                    "Refreshing the materialized views failed and was rolled back: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return String.valueOf(t.getMessage());
    }

    /**
     * Seconds since each view was last refreshed, from the database (so that every instance reports the same age,
     * whichever one refreshed), read at most every {@link #AGE_CACHE}. NaN when unknown.
     */
    double ageSeconds(String view) {
        if (Duration.between(agesReadAt, Instant.now()).compareTo(AGE_CACHE) > 0) {
            try {
                jdbc.sql("SELECT view_name, extract(epoch FROM clock_timestamp() - refreshed_at) FROM mv_refresh_state")
                        .query((rs, n) -> ages.put(rs.getString(1), rs.getObject(2) == null ? Double.NaN : rs.getDouble(2)))
                        .list();
                agesReadAt = Instant.now();
            } catch (RuntimeException e) {
                ages.clear();
                log.debug("Could not read mv_refresh_state: {}", e.getMessage());
            }
        }
        return ages.getOrDefault(view, Double.NaN);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String view : VIEWS) {
            Gauge.builder("mockupaws.insights.mv.refresh.age", this, m -> m.ageSeconds(view)).tag("view", view)
                    .baseUnit("seconds").description("Time since the materialized view was last refreshed")
                    .register(registry);
        }
    }
}
