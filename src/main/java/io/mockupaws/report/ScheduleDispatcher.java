package io.mockupaws.report;

import io.mockupaws.platform.jobs.RecurringTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every minute: each due schedule gets its report (the day, week or month before its run, in its zone), and its
 * next run; then the reports are generated on the reports queue and mailed on the emails queue. A schedule missed
 * while no server ran is run once, for its latest period, not once per missed period. Also re-enqueues reports
 * still pending after ten minutes, whose job was lost between their commit and their enqueueing.
 */
@Component
class ScheduleDispatcher implements RecurringTask {

    static final Duration LOST_AFTER = Duration.ofMinutes(10);
    private static final int BATCH = 100;

    private final ScheduleRepository schedules;
    private final ReportRepository reports;
    private final ReportJobs jobs;
    private final TransactionTemplate tx;

    ScheduleDispatcher(ScheduleRepository schedules, ReportRepository reports, ReportJobs jobs, TransactionTemplate tx) {
        this.schedules = schedules;
        this.reports = reports;
        this.jobs = jobs;
        this.tx = tx;
    }

    @Override
    public String id() {
        return "report-schedules";
    }

    @Override
    public String cron() {
        return "* * * * *";
    }

    @Override
    public String description() {
        return "Generate and mail the reports whose schedule is due";
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        List<UUID> created = tx.execute(status -> {
            List<UUID> ids = new ArrayList<>();
            for (Schedule s : schedules.lockDue(now, BATCH)) ids.add(dispatch(s, now));
            return ids;
        });
        if (created != null) created.forEach(jobs::enqueueGeneration);
        reports.stalePending(now.minus(LOST_AFTER), BATCH).forEach(jobs::enqueueGeneration);
    }

    private UUID dispatch(Schedule s, Instant now) {
        Schedule.Definition d = s.definition();
        Instant at = s.nextRunAt();
        for (Instant next = Schedule.nextRun(d, at); !next.isAfter(now); next = Schedule.nextRun(d, next)) at = next;
        Report r = reports.insert(d.scenarioId(), s.ownerId(), s.id(), new ReportRequests.Options(d.format(),
                Schedule.periodStart(d, at), at, List.of(ReportSection.values()), false));
        schedules.ran(s.id(), now, Schedule.nextRun(d, now), r.id());
        return r.id();
    }
}
