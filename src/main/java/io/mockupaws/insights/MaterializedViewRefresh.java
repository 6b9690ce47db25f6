package io.mockupaws.insights;

import io.mockupaws.platform.jobs.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refreshes the materialized views on a schedule ({@code MOCKUPAWS_MV_REFRESH_CRON}, every 5 minutes by default),
 * and once as the server starts, so that a server that was down does not serve (or alert on) views as old as its
 * downtime until the first scheduled run. A run that finds another instance refreshing leaves it to that one.
 */
@Component
class MaterializedViewRefresh implements RecurringTask {

    private static final Logger log = LoggerFactory.getLogger(MaterializedViewRefresh.class);
    private final MaterializedViews views;
    private final String cron;
    private final boolean scheduling;

    MaterializedViewRefresh(MaterializedViews views, Environment env) {
        this.views = views;
        this.cron = env.getProperty("mockupaws.insights.mv-refresh-cron", "*/5 * * * *");
        this.scheduling = env.getProperty("mockupaws.scheduling.enabled", Boolean.class, true);
    }

    @Override
    public String id() {
        return "materialized-view-refresh";
    }

    @Override
    public String cron() {
        return cron;
    }

    @Override
    public String description() {
        return "Refreshes the insights' materialized views (CONCURRENTLY, one instance at a time)";
    }

    @Override
    public void run() {
        try {
            MaterializedViews.Refresh r = views.refreshAll();
            log.debug("Refreshed {} materialized views in {} ms", r.views().size(), r.durationMs());
        } catch (MaterializedViews.RefreshInProgress e) {
            log.debug("Materialized views are being refreshed elsewhere; skipping this run");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void refreshAtStart() {
        if (!scheduling || "-".equals(cron)) return;
        Thread.ofVirtual().name("mv-refresh-at-start").start(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                log.warn("Refreshing the materialized views at start-up failed: {}", e.getMessage());
            }
        });
    }
}
