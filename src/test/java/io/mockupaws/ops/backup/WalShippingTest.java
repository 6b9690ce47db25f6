package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An embedded PostgreSQL 15 with archiving on (its own data directory: the test run's shared server archives
 * nothing) archives its WAL through the process that runs it, not a JVM per segment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "mockupaws.data-dir=" + WalShippingTest.DATA_DIR,
        "mockupaws.backup.wal-archiving=true",
        "mockupaws.scheduling.enabled=false"})
class WalShippingTest {

    static final String DATA_DIR = "target/test-data-wal-shipping";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void aFinishedSegmentIsShippedByTheProcessThatRunsTheServer() throws InterruptedException {
        WalShipper shipper = WalShipper.of(Path.of(DATA_DIR)).orElseThrow(() -> new AssertionError("no shipper runs"));
        long before = shipper.shipped();
        jdbc.sql("CREATE TABLE wal_shipping_probe AS SELECT g FROM generate_series(1, 1000) g").update();
        jdbc.sql("DROP TABLE wal_shipping_probe").update();
        String segment = jdbc.sql("SELECT pg_walfile_name(pg_switch_wal())").query(String.class).single();

        Instant giveUp = Instant.now().plusSeconds(90);
        while (!archived(segment)) {
            if (Instant.now().isAfter(giveUp)) throw new AssertionError(segment + " was not archived within 90 s");
            Thread.sleep(50);
        }

        assertThat(shipper.shipped()).as("shipped here").isGreaterThan(before);
        assertThat(registry.get("mockupaws.wal.shipped").functionCounter().count()).isEqualTo((double) shipper.shipped());
        assertThat(Path.of(DATA_DIR, "objects", "wal", segment)).exists();
        assertThat(Files.exists(Path.of(DATA_DIR, "wal-handover", segment + ".push"))).isFalse();
    }

    private boolean archived(String segment) {
        String last = jdbc.sql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver").query(String.class).single();
        return last.length() == segment.length() && last.compareTo(segment) >= 0;
    }
}
