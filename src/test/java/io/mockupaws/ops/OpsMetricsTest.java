package io.mockupaws.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.support.ApiTest;
import io.mockupaws.support.PrometheusScrape;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Database and maintenance-job health as Prometheus sees it: statement latency, slow statements, job runs. */
@TestPropertySource(properties = "mockupaws.slow-query.threshold-ms=80")
class OpsMetricsTest extends ApiTest {

    private io.mockupaws.support.Api admin;

    @org.junit.jupiter.api.BeforeEach
    void signInAnAdministrator() {
        admin = adminApi();
    }

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    MaintenanceRuns runs;

    @Test
    void everyStatementIsInTheLatencyHistogramAndSlowOnesAreCountedAsLogged() throws Exception {
        PrometheusScrape before = PrometheusScrape.of(admin);

        jdbc.sql("SELECT pg_sleep(0.1)").query().listOfRows();

        PrometheusScrape after = awaitScrape(s -> s.sum("mockupaws_db_slow_queries_total", "outcome=logged")
                > before.sum("mockupaws_db_slow_queries_total", "outcome=logged"));
        assertThat(after.sum("mockupaws_db_slow_query_duration_seconds_count"))
                .isGreaterThan(before.sum("mockupaws_db_slow_query_duration_seconds_count"));
        assertThat(after.sum("mockupaws_db_slow_query_duration_seconds_max")).isGreaterThanOrEqualTo(0.08);
        // the bucket the SlowQuery alert's 200 ms threshold reads is an exact bucket edge
        assertThat(after.has("jdbc_query_seconds_bucket", "le=0.2")).isTrue();
        assertThat(after.sum("jdbc_query_seconds_count")).isGreaterThan(before.sum("jdbc_query_seconds_count"));
        assertThat(after.has("mockupaws_db_slow_queries_total", "outcome=dropped")).isTrue();
        assertThat(after.has("hikaricp_connections_active", "pool=mockupaws")).isTrue();
    }

    @Test
    void maintenanceRunsAreTimedByJobAndOutcomeWithTheirLastSuccess() {
        PrometheusScrape before = PrometheusScrape.of(admin);
        long start = System.currentTimeMillis() / 1000;

        maintenance.ensurePartitions();
        assertThatThrownBy(() -> runs.run("test-failing-job", () -> {
            throw new IllegalStateException("disk full");
        })).hasMessage("disk full");

        PrometheusScrape after = PrometheusScrape.of(admin);
        assertThat(after.sum("mockupaws_job_seconds_count", "job_name=partition-maintenance", "error=none")
                - before.sum("mockupaws_job_seconds_count", "job_name=partition-maintenance", "error=none")).isEqualTo(1);
        assertThat(after.sum("mockupaws_job_last_success_timestamp_seconds", "job_name=partition-maintenance"))
                .isGreaterThanOrEqualTo(start);
        assertThat(after.sum("mockupaws_job_seconds_count", "job_name=test-failing-job", "error=IllegalStateException")).isEqualTo(1);
        assertThat(after.has("mockupaws_job_last_success_timestamp_seconds", "job_name=test-failing-job")).isFalse();
    }

    private PrometheusScrape awaitScrape(java.util.function.Predicate<PrometheusScrape> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PrometheusScrape s = PrometheusScrape.of(admin);
        while (!done.test(s)) {
            if (System.nanoTime() > deadline) throw new AssertionError("not seen within 10 s:\n" + s.text());
            Thread.sleep(100);
            s = PrometheusScrape.of(admin);
        }
        return s;
    }
}
