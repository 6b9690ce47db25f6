package io.mockupaws.platform.jobs;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jobrunr.jobs.Job;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson3.Jackson3JsonMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * JobRunr as mockupAWS runs it (its Spring Boot starter does the rest, configured by {@link JobsEnvironment}): job
 * parameters serialised with Jackson 3, the application's JSON library, and every background job server given
 * {@link QueueAdmission}, the per-queue concurrency limits.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    @Bean(name = "jobRunrJsonMapper")
    JsonMapper jobRunrJsonMapper() {
        return new Jackson3JsonMapper();
    }

    @Bean
    QueueAdmission queueAdmission(Environment env) {
        Map<JobQueue, Integer> limits = new EnumMap<>(JobQueue.class);
        limits.put(JobQueue.REPORTS, env.getProperty("mockupaws.jobs.concurrency.reports", Integer.class, 2));
        limits.put(JobQueue.EMAILS, env.getProperty("mockupaws.jobs.concurrency.emails", Integer.class, 4));
        limits.put(JobQueue.MAINTENANCE, env.getProperty("mockupaws.jobs.concurrency.maintenance", Integer.class, 4));
        int poll = env.getProperty("jobrunr.background-job-server.poll-interval-in-seconds", Integer.class, 5);
        return new QueueAdmission(limits, Duration.ofSeconds(poll));
    }

    /** Static: post-processors are created before other beans; the admission filter is looked up when needed. */
    @Bean
    static BeanPostProcessor queueAdmissionForBackgroundJobServers(ObjectProvider<QueueAdmission> admission) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof BackgroundJobServer server) {
                    QueueAdmission filter = admission.getObject();
                    server.setJobFilters(List.of(filter));
                    filter.runningJobs(() -> runningJobs(server));
                }
                return bean;
            }
        };
    }

    private static Set<UUID> runningJobs(BackgroundJobServer server) {
        return server.getJobSteward().getJobsInProgress().stream().map(Job::getId).collect(Collectors.toSet());
    }
}
