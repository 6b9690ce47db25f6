package io.mockupaws.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/** Events past the policy move to scenario_logs_archive: whole months by partition swap, the rest in batches. */
class LogArchivingTest extends ArchiveTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    @Test
    void wholeMonthsMoveByPartitionSwapTheRestInBatchesAndNothingIsLostOrDuplicated() {
        UUID s = scenario("old traffic");
        YearMonth c = cutoffMonth;
        // c-3: a plain old month; c-2: its archive partition exists, empty; c-1: its archive partition holds a row
        // moved one by one earlier; c: straddles the cutoff (the 15th); and this week's traffic
        OldData.events(jdbc, s, start(c.minusMonths(3)), start(c.minusMonths(2)), 500);
        OldData.events(jdbc, s, start(c.minusMonths(2)), start(c.minusMonths(1)), 300);
        OldData.events(jdbc, s, start(c.minusMonths(1)), start(c), 200);
        OldData.events(jdbc, s, start(c), start(c.plusMonths(1)), 400);
        OldData.events(jdbc, s, Instant.now().minus(Duration.ofDays(7)), Instant.now().minus(Duration.ofDays(1)), 100);
        for (YearMonth m : java.util.List.of(c.minusMonths(2), c.minusMonths(1))) {
            jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs_archive', :m, :m)")
                    .param("m", m.atDay(1)).query(Integer.class).single();
        }
        jdbc.sql("""
                        INSERT INTO scenario_logs_archive
                        SELECT -1, scenario_id, received_at, event_time, source, message_hash, preview, size_bytes, sqs_blocks,
                               token_count, char_count, pii_types, has_pii
                        FROM scenario_logs WHERE received_at >= :from ORDER BY received_at LIMIT 1""")
                .param("from", java.sql.Timestamp.from(start(c.minusMonths(1)))).update();
        // an index only the live table has (as the DB-performance work adds): it must not follow the month
        jdbc.sql("CREATE INDEX ON scenario_logs_" + suffix(c.minusMonths(3)) + " (source)").update();
        long oldest = relfilenode("scenario_logs_" + suffix(c.minusMonths(3)));
        long staying = count("SELECT count(*) FROM scenario_logs WHERE received_at >= '" + cutoff + "'");
        long moving = count("SELECT count(*) FROM scenario_logs WHERE received_at < '" + cutoff + "'");
        String before = OldData.checksum(jdbc);

        ArchiveRun run = archive.run(request(ArchiveTable.LOGS, 64));

        assertThat(run.status()).as(run.toString()).isEqualTo("completed");
        ArchiveJob job = run.jobs().getFirst();
        assertThat(job.cutoff()).isEqualTo(cutoff);
        assertThat(job.recordsArchived()).isEqualTo(moving);
        assertThat(job.partitionsMoved()).isEqualTo(2);
        assertThat(job.batches()).isGreaterThanOrEqualTo(5);
        assertThat(job.bytesMoved()).isPositive();
        assertThat(OldData.checksum(jdbc)).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM scenario_logs WHERE received_at < '" + cutoff + "'")).isZero();
        assertThat(count("SELECT count(*) FROM scenario_logs")).isEqualTo(staying);
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(moving + 1);
        assertThat(count("SELECT count(*) FROM scenario_logs_archive WHERE received_at >= '" + cutoff + "'")).isZero();

        // the old months left scenario_logs; the straddled one stays, with its newer half
        assertThat(partitions("scenario_logs")).doesNotContain("scenario_logs_" + suffix(c.minusMonths(3)),
                "scenario_logs_" + suffix(c.minusMonths(2)), "scenario_logs_" + suffix(c.minusMonths(1)))
                .contains("scenario_logs_" + suffix(c));
        assertThat(partitions("scenario_logs_archive")).contains("scenario_logs_archive_" + suffix(c.minusMonths(3)),
                "scenario_logs_archive_" + suffix(c.minusMonths(2)), "scenario_logs_archive_" + suffix(c.minusMonths(1)),
                "scenario_logs_archive_" + suffix(c));
        // O(1): the archived month is the same table, same storage, renamed and attached, not a copy
        String swapped = "scenario_logs_archive_" + suffix(c.minusMonths(3));
        assertThat(relfilenode(swapped)).isEqualTo(oldest);
        // its indexes are exactly the archive's (key and scenario index), adopted by the archive's indexes
        assertThat(count("SELECT count(*) FROM pg_index WHERE indrelid = '" + swapped + "'::regclass")).isEqualTo(2);
        assertThat(count("""
                SELECT count(*) FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid
                WHERE i.indrelid = '%s'::regclass""".formatted(swapped))).isEqualTo(2);

        ArchiveRun again = archive.run(request(ArchiveTable.LOGS, 64));
        assertThat(again.status()).isEqualTo("completed");
        assertThat(again.recordsArchived()).isZero();
        assertThat(OldData.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void aBatchKilledInFlightLeavesEveryRowInExactlyOnePlaceAndTheRerunFinishes() throws Exception {
        UUID s = scenario("crash");
        YearMonth c = cutoffMonth;
        // a whole month whose archive partition already has a row: it moves row by row, in batches of 40,000
        OldData.events(jdbc, s, start(c.minusMonths(1)), start(c), 100_000);
        jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs_archive', :m, :m)")
                .param("m", c.minusMonths(1).atDay(1)).query(Integer.class).single();
        jdbc.sql("""
                        INSERT INTO scenario_logs_archive (id, scenario_id, received_at, message_hash, preview, size_bytes,
                                                           sqs_blocks, token_count, char_count, pii_types, has_pii)
                        VALUES (-7, :s, :t, sha256('x'), 'p', 1, 1, 1, 1, '{}', false)""")
                .param("s", s).param("t", java.sql.Timestamp.from(start(c.minusMonths(1)))).update();
        String before = OldData.checksum(jdbc);

        var result = new java.util.concurrent.CompletableFuture<ArchiveRun>();
        Thread mover = Thread.ofPlatform().start(() -> {
            try {
                result.complete(archive.run(request(ArchiveTable.LOGS, 40_000)));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        // wait for the first batch to commit, then for the second to be in flight, and end its backend
        int terminated = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (terminated == 0 && System.nanoTime() < deadline && mover.isAlive()) {
            if (count("SELECT count(*) FROM scenario_logs_archive") > 1) {
                terminated = jdbc.sql("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE state = 'active' AND pid <> pg_backend_pid()
                          AND query LIKE '%WITH moved AS (DELETE FROM%INSERT INTO scenario_logs_archive%'""")
                        .query(Integer.class).single();
            }
            if (terminated == 0) Thread.sleep(5);
        }
        ArchiveRun crashed = result.get(3, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(terminated).as("a batch was in flight and its backend was ended").isEqualTo(1);

        assertThat(crashed.status()).isEqualTo("failed");
        assertThat(crashed.jobs().getFirst().error()).containsIgnoringCase("terminat");
        long archived = count("SELECT count(*) FROM scenario_logs_archive") - 1;
        assertThat(archived).as("only whole batches committed").isPositive().isLessThan(100_000).isEqualTo(
                crashed.recordsArchived()).matches(n -> n % 40_000 == 0, "a multiple of the batch size");
        assertThat(OldData.checksum(jdbc)).as("no row lost, none duplicated").isEqualTo(before);
        assertThat(count("SELECT count(*) FROM scenario_logs l JOIN scenario_logs_archive a USING (id)")).isZero();

        ArchiveRun rerun = archive.run(request(ArchiveTable.LOGS, 40_000));
        assertThat(rerun.status()).isEqualTo("completed");
        assertThat(rerun.recordsArchived()).isEqualTo(100_000 - archived);
        assertThat(OldData.checksum(jdbc)).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(100_001);
        assertThat(partitions("scenario_logs")).doesNotContain("scenario_logs_" + suffix(c.minusMonths(1)));
    }

    @Test
    void aSwapThatCannotGetItsLockWithinItsAttemptsChangesNothingAndTheNextRunDoesIt() throws Exception {
        UUID s = scenario("locked");
        YearMonth m = cutoffMonth.minusMonths(2);
        OldData.events(jdbc, s, start(m), start(m.plusMonths(1)), 50);
        String before = OldData.checksum(jdbc);
        LogArchiver impatient = new LogArchiver(jdbc, tx, new ArchiveSettings(new MockEnvironment()
                .withProperty("mockupaws.archive.lock-timeout", "100ms").withProperty("mockupaws.archive.lock-attempts", "2")));
        UUID job = jdbc.sql("""
                INSERT INTO archive_jobs (run_id, type, trigger, status) VALUES (gen_random_uuid(), 'logs', 'cli', 'running')
                RETURNING id""").query(UUID.class).single();

        try (Connection reader = dataSource.getConnection(); Statement st = reader.createStatement()) {
            // a long report query holding scenario_logs: the swap must not queue ingest behind it
            reader.setAutoCommit(false);
            st.execute("SELECT count(*) FROM scenario_logs");
            assertThatThrownBy(() -> impatient.archive(cutoff, 1000, new Progress(new ArchiveJobs(jdbc), job)))
                    .isInstanceOf(ArchiveException.class).hasMessageContaining("could not get the locks")
                    .hasMessageContaining("2 attempts of 100 ms");
            reader.rollback();
        }
        assertThat(partitions("scenario_logs")).contains("scenario_logs_" + suffix(m));
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isZero();
        assertThat(OldData.checksum(jdbc)).isEqualTo(before);

        impatient.archive(cutoff, 1000, new Progress(new ArchiveJobs(jdbc), job));
        assertThat(partitions("scenario_logs_archive")).contains("scenario_logs_archive_" + suffix(m));
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(50);
        assertThat(OldData.checksum(jdbc)).isEqualTo(before);
    }

    @Test
    void aDryRunSaysWhatWouldMoveAndChangesNothing() {
        UUID s = scenario("dry");
        YearMonth c = cutoffMonth;
        OldData.events(jdbc, s, start(c.minusMonths(2)), start(c.minusMonths(1)), 120);
        OldData.events(jdbc, s, start(c), start(c.plusMonths(1)), 200);
        long moving = count("SELECT count(*) FROM scenario_logs WHERE received_at < '" + cutoff + "'");
        String before = OldData.checksum(jdbc);
        var partitionsBefore = partitions("scenario_logs");

        ArchiveRun dry = archive.dryRun(java.util.EnumSet.of(ArchiveTable.LOGS), ArchiveTrigger.CLI);

        assertThat(dry.status()).isEqualTo("dry_run");
        ArchivePlan plan = dry.plan().getFirst();
        assertThat(plan.rows()).isEqualTo(moving);
        assertThat(plan.partitions()).isEqualTo(1);
        assertThat(plan.bytes()).isPositive();
        assertThat(plan.cutoff()).isEqualTo(cutoff);
        assertThat(OldData.checksum(jdbc)).isEqualTo(before);
        assertThat(partitions("scenario_logs")).isEqualTo(partitionsBefore);
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isZero();
        assertThat(count("SELECT count(*) FROM archive_jobs")).isZero();
    }

    @Test
    void aSecondArchiverIsRecordedAsSkippedAndChangesNothing() {
        UUID s = scenario("busy");
        OldData.events(jdbc, s, start(cutoffMonth.minusMonths(2)), start(cutoffMonth.minusMonths(1)), 30);
        String before = OldData.checksum(jdbc);

        try (ArchiveLock held = ArchiveLock.tryAcquire(dataSource).orElseThrow()) {
            assertThat(ArchiveLock.tryAcquire(dataSource)).isEmpty();
            // the holder is idle in a transaction that keeps no snapshot: it holds back neither vacuum nor CREATE
            // INDEX CONCURRENTLY (which the archiver runs itself, and which would otherwise wait for it forever)
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mockupaws archiver'
                      AND state = 'idle in transaction' AND backend_xmin IS NULL""").query(Long.class).single()).isEqualTo(1);
            ArchiveRun second = archive.run(new ArchiveService.Request(null, 100, ArchiveTrigger.SCHEDULE, null));
            assertThat(second.status()).isEqualTo("skipped");
            assertThat(second.jobs()).hasSize(3).allSatisfy(j -> {
                assertThat(j.status()).isEqualTo("skipped");
                assertThat(j.error()).contains("another archiver is running");
            });
            assertThat(OldData.checksum(jdbc)).isEqualTo(before);
            assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isZero();
        }
        assertThat(archive.run(request(ArchiveTable.LOGS, 100)).status()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(30);
    }

    @Test
    void aRunInterruptedBeforeFinishingIsMarkedFailedByTheNextOne() {
        UUID run = UUID.randomUUID();
        jdbc.sql("INSERT INTO archive_jobs (run_id, type, trigger, status) VALUES (:r, 'metrics', 'schedule', 'running')")
                .param("r", run).update();

        archive.run(request(ArchiveTable.REPORTS, 10));

        ArchiveJob left = archive.runOf(run).jobs().getFirst();
        assertThat(left.status()).isEqualTo("failed");
        assertThat(left.error()).startsWith("interrupted");
    }

    @Test
    void archivePartitionsAreKeptThreeMonthsAheadLikeTheLiveOnes() {
        for (String p : partitions("scenario_logs_archive")) jdbc.sql("DROP TABLE " + p).update();
        jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs_archive', (now() AT TIME ZONE 'UTC')::date,"
                + " ((now() AT TIME ZONE 'UTC') + interval '3 months')::date)").query(Integer.class).single();
        YearMonth now = YearMonth.now(java.time.ZoneOffset.UTC);
        for (int i = 0; i <= 3; i++) {
            assertThat(partitions("scenario_logs_archive")).contains("scenario_logs_archive_" + suffix(now.plusMonths(i)));
        }
    }

    @Test
    void deletingAScenarioDeletesItsArchivedEventsToo() {
        UUID s = scenario("to delete");
        UUID other = scenario("to keep");
        OldData.events(jdbc, s, start(cutoffMonth.minusMonths(2)), start(cutoffMonth.minusMonths(1)), 20);
        OldData.events(jdbc, other, start(cutoffMonth.minusMonths(2)), start(cutoffMonth.minusMonths(1)), 5);
        archive.run(request(ArchiveTable.LOGS, 100));
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(25);

        assertThat(api.delete("/api/v1/scenarios/" + s).status()).isEqualTo(204);

        assertThat(count("SELECT count(*) FROM scenario_logs_archive WHERE scenario_id = '" + s + "'")).isZero();
        assertThat(count("SELECT count(*) FROM scenario_logs_archive WHERE scenario_id = '" + other + "'")).isEqualTo(5);
    }

    @Autowired
    java.util.List<io.mockupaws.platform.jobs.RecurringTask> tasks;

    @Test
    void theNightlyRunIsARecurringTaskAt0300UtcThatArchivesEveryTable() throws Exception {
        var nightly = tasks.stream().filter(t -> t.id().equals("archive")).findFirst().orElseThrow();
        assertThat(nightly.cron()).isEqualTo("0 3 * * *");
        UUID s = scenario("nightly");
        OldData.events(jdbc, s, start(cutoffMonth.minusMonths(2)), start(cutoffMonth.minusMonths(1)), 10);

        nightly.run();

        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(10);
        assertThat(jdbc.sql("SELECT string_agg(type || ':' || trigger || ':' || status, ',' ORDER BY type) FROM archive_jobs")
                .query(String.class).single()).isEqualTo("logs:schedule:completed,metrics:schedule:completed,reports:schedule:completed");
    }

    private long relfilenode(String table) {
        return count("SELECT relfilenode::bigint FROM pg_class WHERE oid = '" + table + "'::regclass");
    }
}
