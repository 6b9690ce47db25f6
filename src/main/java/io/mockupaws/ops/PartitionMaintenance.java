package io.mockupaws.ops;

import io.mockupaws.platform.jobs.RecurringTask;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps monthly partitions of the partitioned tables (events, and their archive) at least {@value #MONTHS_AHEAD}
 * months ahead, so an insert never finds its month missing. Runs at start-up (every instance, also a CLI command: an
 * insert must never wait for the first daily run) and daily as a recurring job; idempotent and safe on several
 * instances at once. New partitions of the events get their (scenario_id, source) statistics (V41).
 */
@Component
public class PartitionMaintenance implements RecurringTask {

    static final int MONTHS_AHEAD = 3;
    static final List<String> TABLES = List.of("scenario_logs", "scenario_logs_archive");
    private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);
    private final JdbcClient jdbc;
    private final MaintenanceRuns runs;

    PartitionMaintenance(JdbcClient jdbc, MaintenanceRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    @Override
    public String id() {
        return "partition-maintenance";
    }

    @Override
    public String cron() {
        return "17 1 * * *";
    }

    @Override
    public String description() {
        return "Create the monthly partitions of scenario_logs " + MONTHS_AHEAD + " months ahead";
    }

    @Override
    public void run() {
        ensurePartitions();
    }

    @EventListener(ApplicationReadyEvent.class)
    public int ensurePartitions() {
        return runs.run("partition-maintenance", () -> {
            int created = 0;
            // the archive too: a month moved row by row finds its archive partition (older ones the archiver makes)
            for (String table : TABLES) {
                int n = jdbc.sql("""
                                SELECT mockupaws_ensure_monthly_partitions(CAST(:table AS regclass),
                                       (now() AT TIME ZONE 'UTC')::date,
                                       ((now() AT TIME ZONE 'UTC') + make_interval(months => :ahead))::date)""")
                        .param("table", table).param("ahead", MONTHS_AHEAD).query(Integer.class).single();
                if (n > 0) log.info("Created {} monthly partition(s) of {}", n, table);
                created += n;
            }
            // extended statistics are per table: each new partition of the events gets its own (V41)
            jdbc.sql("SELECT mockupaws_ensure_partition_statistics()").query(Integer.class).single();
            return created;
        });
    }
}
