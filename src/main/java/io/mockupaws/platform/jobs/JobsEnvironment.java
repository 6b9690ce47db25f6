package io.mockupaws.platform.jobs;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the {@code mockupaws.jobs.*} settings into JobRunr's own properties, ahead of every other source, so that
 * JobRunr is configured in one place and nothing can turn on what {@code mockupaws.scheduling.enabled=false} turned
 * off (a one-shot CLI command, a test): no background job server there, even when {@code MOCKUPAWS_JOBS_WORKER}
 * says true in the environment the command inherits.
 *
 * <p>What is fixed here rather than configurable: JobRunr's tables live in their own schema {@code jobrunr}
 * (created by migration V20; JobRunr creates and upgrades its tables there itself, recording its own migrations in
 * {@code jobrunr.jobrunr_migrations}); JobRunr's bundled dashboard stays off (it binds every interface, so
 * {@link JobsDashboard} serves the same pages on an address of our choosing); the dashboard never reports usage
 * data anywhere; job counts by state are Micrometer gauges ({@code jobrunr_jobs_by_state}), the per-server gauges
 * are not (their tag is a UUID that changes at every restart).
 *
 * <p>Retries are set on each job ({@code @Job(retries = ...)}): a JobRunr server always applies its built-in retry
 * filter (10 retries) first, so a global default would not take effect. The back-off is JobRunr's exponential one:
 * retry n waits 3^n seconds (3 s, 9 s, 27 s, ...).
 */
public class JobsEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Where JobRunr keeps its tables: the schema of migration V20 ("jobrunr.jobrunr_jobs", ...). */
    public static final String TABLE_PREFIX = "jobrunr.";
    static final String SOURCE = "mockupawsJobs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        props.put("jobrunr.database.table-prefix", TABLE_PREFIX);
        props.put("jobrunr.background-job-server.enabled", Boolean.toString(workerEnabled(env)));
        props.put("jobrunr.background-job-server.metrics.enabled", "false");
        props.put("jobrunr.jobs.metrics.enabled", "true");
        props.put("jobrunr.dashboard.enabled", "false");
        props.put("jobrunr.miscellaneous.allow-anonymous-data-usage", "false");
        int poll = env.getProperty("mockupaws.jobs.poll-interval-seconds", Integer.class, 5);
        if (poll < 5) {
            throw new IllegalArgumentException("MOCKUPAWS_JOBS_POLL_INTERVAL must be at least 5 seconds (JobRunr's minimum), not " + poll);
        }
        props.put("jobrunr.background-job-server.poll-interval-in-seconds", Integer.toString(poll));
        String workers = env.getProperty("mockupaws.jobs.workers", "").strip();
        if (!workers.isEmpty()) props.put("jobrunr.background-job-server.worker-count", workers);
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, props));
    }

    /** Jobs are processed here only when scheduling is on and this instance is not an API-only one. */
    static boolean workerEnabled(org.springframework.core.env.Environment env) {
        return schedulingEnabled(env) && env.getProperty("mockupaws.jobs.worker", Boolean.class, true);
    }

    static boolean schedulingEnabled(org.springframework.core.env.Environment env) {
        return env.getProperty("mockupaws.scheduling.enabled", Boolean.class, true);
    }

    @Override
    public int getOrder() {
        // after the config files (ConfigDataEnvironmentPostProcessor), like the other mockupAWS post-processors
        return Ordered.LOWEST_PRECEDENCE;
    }
}
