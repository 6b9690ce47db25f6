package io.mockupaws.platform.jobs;

/**
 * A periodic task. Features declare one bean per task; the scheduler finds them all, so there is a single list of
 * what runs when. Implementations must be idempotent: a run may be retried after a failure.
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
