package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mockupaws.platform.db.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@code mockupaws_wal_archive_lag_seconds} against a real PostgreSQL 15 archiving WAL: while its archive_command
 * fails, the oldest finished segment waits and the lag grows; once archiving works again, it drops to 0.
 */
class WalArchiveLagTest {

    private static EmbeddedPostgres server;
    private static JdbcClient jdbc;

    @BeforeAll
    static void archivingServer() {
        server = EmbeddedPostgres.start(Path.of("target/test-wal-lag"), 0, "lag", Map.of(
                "archive_mode", "on", "archive_command", "'/bin/false'", "wal_level", "replica"));
        jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl("lag"),
                server.user(), server.password()));
        jdbc.sql("ALTER SYSTEM SET archive_command = '/bin/false'").update();
        jdbc.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    private double lag(BackupMetrics metrics) throws InterruptedException {
        Thread.sleep(1100); // past the one-second reading the gauges share within a scrape
        return metrics.reading().walLagSeconds();
    }

    @Test
    void theOldestUnarchivedSegmentAgesUntilArchivingWorksAgain() throws Exception {
        BackupMetrics metrics = new BackupMetrics(jdbc, new SimpleMeterRegistry());
        jdbc.sql("CREATE TABLE IF NOT EXISTS t (v int)").update();
        jdbc.sql("INSERT INTO t VALUES (1)").update();
        jdbc.sql("SELECT pg_switch_wal()").query(String.class).single();

        double first = lag(metrics);
        Thread.sleep(1500);
        double later = lag(metrics);
        assertThat(first).as("a segment is waiting").isGreaterThanOrEqualTo(0.5);
        assertThat(later).as("and keeps waiting").isGreaterThan(first + 1);
        assertThat(jdbc.sql("SELECT failed_count FROM pg_stat_archiver").query(Long.class).single()).isPositive();

        jdbc.sql("ALTER SYSTEM SET archive_command = '/bin/true'").update();
        jdbc.sql("SELECT pg_reload_conf()").query(Boolean.class).single();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        double now = lag(metrics);
        while (now > 0 && System.nanoTime() < deadline) now = lag(metrics);
        assertThat(now).as("archived: nothing waits").isZero();
    }
}
