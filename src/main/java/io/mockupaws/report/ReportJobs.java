package io.mockupaws.report;

import io.mockupaws.platform.jobs.JobQueue;
import io.mockupaws.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The report module's background jobs: generating a report (queue reports) and mailing a scheduled one (queue
 * emails). Each job's id is derived from its report, so enqueueing one twice — the request and a later sweep, say
 * — still makes one job (JobRunr skips an id it has). Public, as JobRunr calls these methods by reflection.
 */
@Component
public class ReportJobs {

    /** Attempts after the first: retried 3, 9, 27 s later (JobRunr's exponential back-off). */
    static final int GENERATION_RETRIES = 3;
    /** SMTP servers have bad minutes: 3 s, 9 s, 27 s, 81 s, 4 min. */
    static final int DELIVERY_RETRIES = 5;
    private static final Logger log = LoggerFactory.getLogger(ReportJobs.class);

    private final JobScheduler scheduler;
    private final ReportRepository reports;
    private final ReportGenerator generator;
    private final ReportDelivery delivery;

    ReportJobs(JobScheduler scheduler, ReportRepository reports, ReportGenerator generator, ReportDelivery delivery) {
        this.scheduler = scheduler;
        this.reports = reports;
        this.generator = generator;
        this.delivery = delivery;
    }

    void enqueueGeneration(UUID reportId) {
        enqueue(reportId, "generation", () -> scheduler.enqueue(reportId, () -> generate(reportId, JobContext.Null)));
    }

    void enqueueDelivery(UUID reportId) {
        UUID job = UUID.nameUUIDFromBytes(("deliver:" + reportId).getBytes(StandardCharsets.UTF_8));
        enqueue(reportId, "delivery", () -> scheduler.enqueue(job, () -> deliver(reportId, JobContext.Null)));
    }

    private static void enqueue(UUID reportId, String what, Runnable enqueue) {
        try {
            enqueue.run();
        } catch (RuntimeException e) {
            // the report stays pending; the schedule sweep enqueues it again within minutes
            log.warn("Could not enqueue the {} of report {}: {}", what, reportId, e.toString());
        }
    }

    @Job(name = "Generate report %0", retries = GENERATION_RETRIES, labels = JobQueue.REPORTS_LABEL)
    public void generate(UUID reportId, JobContext job) throws Exception {
        Optional<Report> started = reports.start(reportId);
        if (started.isEmpty()) return; // deleted, or decided by an earlier run of this job
        Report r = started.get();
        try {
            generator.generate(r);
        } catch (ApiException e) {
            // the request cannot succeed as it stands (a price missing from the book, a scenario gone): no retry
            reports.fail(reportId, e.getMessage());
            return;
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (job.amountOfFailures() >= GENERATION_RETRIES) {
                reports.fail(reportId, error);
            } else {
                reports.retrying(reportId, "attempt " + (job.amountOfFailures() + 1) + " failed, retrying: " + error);
            }
            throw e;
        }
        if (r.scheduleId() != null) enqueueDelivery(reportId);
    }

    @Job(name = "Mail report %0", retries = DELIVERY_RETRIES, labels = JobQueue.EMAILS_LABEL)
    public void deliver(UUID reportId, JobContext job) throws Exception {
        delivery.deliver(reportId, job.amountOfFailures() >= DELIVERY_RETRIES);
    }
}
