package io.mockupaws.platform.jobs;

import static org.jobrunr.scheduling.RecurringJobBuilder.aRecurringJob;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.scheduling.cron.CronExpression;
import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The one place every recurring job of mockupAWS is registered: at start-up of a server (not of a CLI command, not
 * with {@code mockupaws.scheduling.enabled=false}), each {@link RecurringTask} bean becomes the JobRunr recurring
 * job of the same id, cron in UTC, on the maintenance queue; a task whose cron is {@code "-"}, and a recurring job
 * no task claims any more, are removed. JobRunr stores them in the database and only its master server turns a
 * recurring job into jobs, one per tick, so several instances never run the same tick twice.
 *
 * <p>Also what the admin API reads: the tasks with their schedule, next and last run, and job counts by state.
 */
@Service
public class RecurringTaskRegistry {

    /** Retries of a failed run (3 s, 9 s later); a recurring task's next tick is the real retry. */
    static final int RETRIES = 2;
    private static final Logger log = LoggerFactory.getLogger(RecurringTaskRegistry.class);

    private final RecurringTaskRunner runner;
    private final JobScheduler scheduler;
    private final StorageProvider storage;
    private final RecurringTaskRuns runs;
    private final boolean scheduling;

    RecurringTaskRegistry(RecurringTaskRunner runner, JobScheduler scheduler, StorageProvider storage,
                          RecurringTaskRuns runs, Environment env) {
        this.runner = runner;
        this.scheduler = scheduler;
        this.storage = storage;
        this.runs = runs;
        this.scheduling = JobsEnvironment.schedulingEnabled(env);
        if (scheduling) runner.tasks().values().forEach(RecurringTaskRegistry::requireValidCron);
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerAll() {
        if (!scheduling) return;
        Set<String> registered = new TreeSet<>();
        for (RecurringTask task : runner.tasks().values()) {
            String id = task.id();
            String cron = task.cron().strip();
            if (cron.equals("-")) {
                scheduler.deleteRecurringJob(id);
                continue;
            }
            scheduler.createRecurrently(aRecurringJob().withId(id).withName(task.description()).withCron(cron)
                    .withZoneId(ZoneOffset.UTC).withAmountOfRetries(RETRIES).withLabels(JobQueue.MAINTENANCE.label())
                    .withDetails(() -> runner.run(id)));
            registered.add(id + " (" + cron + ")");
        }
        for (RecurringJob stale : storage.getRecurringJobs()) {
            if (!runner.tasks().containsKey(stale.getId()) || runner.tasks().get(stale.getId()).cron().strip().equals("-")) {
                scheduler.deleteRecurringJob(stale.getId());
                log.info("Removed recurring job {}: no task of this version runs it", stale.getId());
            }
        }
        log.info("Recurring jobs (cron, UTC): {}", String.join(", ", registered));
    }

    /** A recurring task as the job list shows it. */
    public record Task(String id, String description, String cron, String zone, String queue, boolean enabled,
                       Instant nextRunAt, LastRun lastRun) {}

    public record LastRun(Instant startedAt, Instant finishedAt, String outcome, String error, Long durationMs) {}

    public record Overview(List<Task> recurring, Map<String, Long> jobsByState, int backgroundJobServers) {}

    /** Every task of this version, with what JobRunr has stored for it. */
    public Overview overview() {
        Map<String, RecurringJob> stored = new HashMap<>();
        storage.getRecurringJobs().forEach(r -> stored.put(r.getId(), r));
        Map<String, RecurringTaskRuns.LastRun> last = runs.all();
        List<Task> tasks = new ArrayList<>();
        for (RecurringTask t : runner.tasks().values()) {
            RecurringJob job = stored.get(t.id());
            RecurringTaskRuns.LastRun r = last.get(t.id());
            tasks.add(new Task(t.id(), t.description(), t.cron().strip(), "UTC", JobQueue.MAINTENANCE.wire(),
                    job != null, job == null ? null : job.getNextRun(),
                    r == null ? null : new LastRun(r.startedAt(), r.finishedAt(), r.outcome(), r.error(), r.durationMs())));
        }
        JobStats s = storage.getJobStats();
        Map<String, Long> byState = new java.util.LinkedHashMap<>();
        byState.put("scheduled", s.getScheduled());
        byState.put("enqueued", s.getEnqueued());
        byState.put("processing", s.getProcessing());
        byState.put("failed", s.getFailed());
        byState.put("succeeded", s.getSucceeded());
        byState.put("deleted", s.getDeleted());
        return new Overview(tasks, byState, s.getBackgroundJobServers());
    }

    /** Enqueues a run of the task now (besides its schedule); false when there is no such task. */
    public boolean runNow(String taskId) {
        if (!runner.tasks().containsKey(taskId)) return false;
        scheduler.enqueue(UUID.randomUUID(), () -> runner.run(taskId));
        return true;
    }

    private static void requireValidCron(RecurringTask task) {
        String cron = task.cron().strip();
        if (cron.equals("-")) return;
        try {
            new CronExpression(cron);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Recurring task " + task.id() + ": '" + cron + "' is not a cron expression "
                    + "(minute hour day month weekday, or with seconds first; weekday 0-6 or SUN-SAT; '-' disables): "
                    + e.getMessage(), e);
        }
    }
}
