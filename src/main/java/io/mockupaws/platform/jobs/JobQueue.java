package io.mockupaws.platform.jobs;

import java.util.List;

/**
 * The queues of background work. JobRunr's free edition has no queues of its own, so a job names its queue with a
 * label ({@code @Job(labels = JobQueue.REPORTS_LABEL)}), which the dashboard shows and filters by, and
 * {@link QueueAdmission} gives each queue a number of concurrent jobs per instance that the others cannot take: a
 * burst of report generation never holds the workers that mail and maintenance need, whatever the order the jobs
 * were enqueued in. A job over its queue's limit waits one poll interval and tries again.
 */
public enum JobQueue {
    /** PDF and CSV generation: CPU-bound, requested by users in bursts. */
    REPORTS("reports"),
    /** Outgoing mail: waits on the SMTP server, rate-limited. */
    EMAILS("emails"),
    /** Recurring tasks: backups, partitions, rollups, retention, schedules. */
    MAINTENANCE("maintenance");

    public static final String REPORTS_LABEL = "queue:reports";
    public static final String EMAILS_LABEL = "queue:emails";
    public static final String MAINTENANCE_LABEL = "queue:maintenance";

    private final String wire;

    JobQueue(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public String label() {
        return "queue:" + wire;
    }

    /** The queue a job's labels name, or null for a job outside every queue. */
    static JobQueue of(List<String> labels) {
        if (labels == null) return null;
        for (JobQueue q : values()) if (labels.contains(q.label())) return q;
        return null;
    }
}
