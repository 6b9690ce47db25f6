package io.mockupaws.ops;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.mockupaws.platform.QueryOrigin;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Runs a maintenance job observed: a {@code mockupaws.job} timer tagged with the job's name and its error (the
 * job-failure alert; the tag is {@code job.name} because Prometheus owns the {@code job} label), a span the job's SQL hangs under, its statements attributed to {@code job:<name>} in the slow-query log,
 * and {@code mockupaws.job.last.success.timestamp} for "has not succeeded for too long" alerts. It covers every run:
 * the recurring job's, the one at start-up and the CLI's.
 */
@Component
class MaintenanceRuns {

    private final ObservationRegistry observations;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    MaintenanceRuns(ObservationRegistry observations, MeterRegistry registry) {
        this.observations = observations;
        this.registry = registry;
    }

    <T> T run(String job, Supplier<T> work) {
        T result = Observation.createNotStarted("mockupaws.job", observations)
                .contextualName("job " + job)
                .lowCardinalityKeyValue(KeyValue.of("job.name", job))
                .observe(() -> QueryOrigin.run("job:" + job, work));
        lastSuccess.computeIfAbsent(job, name -> {
            AtomicLong at = new AtomicLong();
            Gauge.builder("mockupaws.job.last.success.timestamp", at, AtomicLong::get).tag("job.name", name).baseUnit("seconds")
                    .description("When the job last succeeded (Unix time)").register(registry);
            return at;
        }).set(System.currentTimeMillis() / 1000);
        return result;
    }
}
