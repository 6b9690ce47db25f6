package io.mockupaws.platform.jobs;

/**
 * A periodic task. Features declare one bean per task; {@link RecurringTaskRegistry} registers every one of them as
 * a JobRunr recurring job (id = {@link #id()}, cron in UTC, queue {@code maintenance}), so there is a single list
 * of what runs when — {@code GET /api/v1/admin/jobs} and the jobs dashboard show it — and a tick runs on exactly
 * one instance however many share the database. Implementations must be idempotent: a failed run is retried
 * (with exponential back-off), and a run may be started by hand from the admin API.
 */
public interface RecurringTask {

    /** Stable id, e.g. {@code partition-maintenance}: the key the scheduler registers it under. */
    String id();

    /**
     * When to run: a cron expression in UTC with five fields (minute hour day-of-month month day-of-week) or six
     * (seconds first); {@code "-"} disables the task.
     */
    String cron();

    /** One-line description shown in the job list. */
    default String description() {
        return id();
    }

    void run() throws Exception;
}
