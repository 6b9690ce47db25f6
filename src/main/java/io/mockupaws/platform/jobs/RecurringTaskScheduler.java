package io.mockupaws.platform.jobs;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;

/** Registers every {@link RecurringTask} bean with Spring's scheduler (server only, like the rest of scheduling). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mockupaws.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class RecurringTaskScheduler implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RecurringTaskScheduler.class);
    private final List<RecurringTask> tasks;

    RecurringTaskScheduler(List<RecurringTask> tasks) {
        this.tasks = tasks;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        for (RecurringTask task : tasks) {
            if ("-".equals(task.cron())) continue;
            registrar.addTriggerTask(() -> {
                try {
                    task.run();
                } catch (Exception e) {
                    log.warn("Recurring task {} failed: {}", task.id(), e.toString());
                }
            }, new CronTrigger(springCron(task.cron()), java.time.ZoneOffset.UTC));
        }
    }

    /** Spring's cron has a seconds field; a five-field expression runs at second 0. */
    static String springCron(String cron) {
        return cron.trim().split("\\s+").length == 5 ? "0 " + cron.trim() : cron.trim();
    }
}
