package io.mockupaws.ops;

import io.mockupaws.platform.jobs.RecurringTask;
import org.springframework.stereotype.Component;

/** Keeps the slow-query log to {@code MOCKUPAWS_SLOW_QUERY_RETENTION_DAYS}, hourly. */
@Component
class SlowQueryRetention implements RecurringTask {

    private final QueryInsights insights;

    SlowQueryRetention(QueryInsights insights) {
        this.insights = insights;
    }

    @Override
    public String id() {
        return "slow-query-retention";
    }

    @Override
    public String cron() {
        return "7 * * * *";
    }

    @Override
    public String description() {
        return "Delete slow-query log entries past their retention";
    }

    @Override
    public void run() {
        insights.applyRetention();
    }
}
