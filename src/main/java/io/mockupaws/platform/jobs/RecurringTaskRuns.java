package io.mockupaws.platform.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The last run of each recurring task (table {@code recurring_task_runs}, migration V20): kept by the runner itself,
 * so the job list can say when a task last ran and how it ended even after JobRunr has cleaned its own history of
 * succeeded jobs (36 hours).
 */
@Repository
class RecurringTaskRuns {

    record LastRun(Instant startedAt, Instant finishedAt, String outcome, String error, Long durationMs) {}

    private final JdbcClient jdbc;

    RecurringTaskRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void started(String taskId, Instant at) {
        jdbc.sql("""
                        INSERT INTO recurring_task_runs (task_id, started_at, finished_at, outcome, error, duration_ms)
                        VALUES (:id, :at, NULL, 'running', NULL, NULL)
                        ON CONFLICT (task_id) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = NULL,
                            outcome = 'running', error = NULL, duration_ms = NULL""")
                .param("id", taskId).param("at", Timestamp.from(at)).update();
    }

    void finished(String taskId, Instant startedAt, Instant at, String error) {
        jdbc.sql("""
                        UPDATE recurring_task_runs SET finished_at = :at, outcome = :outcome, error = :error, duration_ms = :ms
                        WHERE task_id = :id AND started_at = :started""")
                .param("id", taskId).param("started", Timestamp.from(startedAt)).param("at", Timestamp.from(at))
                .param("outcome", error == null ? "succeeded" : "failed").param("error", error)
                .param("ms", at.toEpochMilli() - startedAt.toEpochMilli()).update();
    }

    Map<String, LastRun> all() {
        Map<String, LastRun> runs = new HashMap<>();
        jdbc.sql("SELECT task_id, started_at, finished_at, outcome, error, duration_ms FROM recurring_task_runs")
                .query(rs -> {
                    Timestamp finished = rs.getTimestamp("finished_at");
                    long ms = rs.getLong("duration_ms");
                    runs.put(rs.getString("task_id"), new LastRun(rs.getTimestamp("started_at").toInstant(),
                            finished == null ? null : finished.toInstant(), rs.getString("outcome"),
                            rs.getString("error"), rs.wasNull() ? null : ms));
                });
        return runs;
    }
}
