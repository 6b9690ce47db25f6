package io.mockupaws.archive;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The archiving gauges the ArchiveJobFailed alert reads, per job type ({@code type} = logs, metrics, reports):
 * {@code mockupaws.archive.job.last.result} (1 the last finished run succeeded, 0 it failed, NaN never ran; skipped
 * runs do not count) and {@code mockupaws.archive.job.last.success.timestamp} (Unix seconds, NaN never).
 *
 * <p>Read from {@code archive_jobs}, not from what this instance did: any instance (or the CLI) may have run the
 * archiver, and every instance must report the same. The read is cached for {@link #TTL}, so scrapes cost at most one
 * small query per {@link #TTL}; when the database does not answer, the last values are kept.
 */
@Component
class ArchiveMetrics {

    static final Duration TTL = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(ArchiveMetrics.class);

    private final ArchiveJobs jobs;
    private volatile Map<ArchiveTable, ArchiveJobs.LastResult> last = new EnumMap<>(ArchiveTable.class);
    private volatile long readAt;

    ArchiveMetrics(ArchiveJobs jobs, MeterRegistry registry) {
        this.jobs = jobs;
        for (ArchiveTable t : ArchiveTable.values()) {
            Gauge.builder("mockupaws.archive.job.last.result", this, m -> m.result(t)).tag("type", t.jobType())
                    .description("Whether the last finished archiving job of this type succeeded (1) or failed (0)")
                    .register(registry);
            Gauge.builder("mockupaws.archive.job.last.success.timestamp", this, m -> m.lastSuccess(t)).tag("type", t.jobType())
                    .baseUnit("seconds").description("When an archiving job of this type last succeeded (Unix time)")
                    .register(registry);
        }
    }

    /** Forgets the cached read: the next scrape sees a run that just finished. */
    void refresh() {
        readAt = 0;
    }

    private double result(ArchiveTable t) {
        Boolean ok = current().getOrDefault(t, new ArchiveJobs.LastResult(null, null)).succeeded();
        return ok == null ? Double.NaN : ok ? 1 : 0;
    }

    private double lastSuccess(ArchiveTable t) {
        var at = current().getOrDefault(t, new ArchiveJobs.LastResult(null, null)).lastSuccess();
        return at == null ? Double.NaN : at.getEpochSecond();
    }

    private Map<ArchiveTable, ArchiveJobs.LastResult> current() {
        long now = System.nanoTime();
        if (readAt == 0 || now - readAt > TTL.toNanos()) {
            synchronized (this) {
                if (readAt == 0 || now - readAt > TTL.toNanos()) {
                    try {
                        last = jobs.lastResults();
                    } catch (RuntimeException e) {
                        log.debug("Could not read the archiving results for the gauges: {}", e.toString());
                    }
                    readAt = System.nanoTime() | 1;
                }
            }
        }
        return last;
    }
}
