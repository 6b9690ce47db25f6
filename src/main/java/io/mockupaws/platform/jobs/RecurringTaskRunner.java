package io.mockupaws.platform.jobs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jobrunr.jobs.annotations.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What every recurring job calls: {@code run("partition-maintenance")} finds the task bean with that id and runs it,
 * recording the run in {@code recurring_task_runs}. Jobs name the task by id rather than by class, so a job stored
 * by one version of the application still runs after a refactoring moved the task. Public, as JobRunr invokes it
 * by reflection.
 */
@Component
public class RecurringTaskRunner {

    private static final Logger log = LoggerFactory.getLogger(RecurringTaskRunner.class);
    private static final int MAX_ERROR = 2000;

    private final Map<String, RecurringTask> tasks = new LinkedHashMap<>();
    private final RecurringTaskRuns runs;

    RecurringTaskRunner(List<RecurringTask> tasks, RecurringTaskRuns runs) {
        for (RecurringTask t : tasks) {
            if (this.tasks.putIfAbsent(t.id(), t) != null) {
                throw new IllegalStateException("Two recurring tasks have the id '" + t.id() + "'");
            }
        }
        this.runs = runs;
    }

    Map<String, RecurringTask> tasks() {
        return tasks;
    }

    /** Runs the task; an exception fails the job, which JobRunr retries with exponential back-off. */
    @Job(name = "%0", retries = RecurringTaskRegistry.RETRIES, labels = JobQueue.MAINTENANCE_LABEL)
    public void run(String taskId) throws Exception {
        RecurringTask task = tasks.get(taskId);
        if (task == null) {
            // registered by another version of the application; the registry of this one removes it at start-up
            log.warn("No recurring task '{}' in this version of mockupAWS; skipping the run", taskId);
            return;
        }
        Instant started = Instant.now();
        runs.started(taskId, started);
        try {
            task.run();
            runs.finished(taskId, started, Instant.now(), null);
        } catch (Exception | Error e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            runs.finished(taskId, started, Instant.now(), error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
            log.warn("Recurring task {} failed: {}", taskId, error);
            throw e;
        }
    }
}
