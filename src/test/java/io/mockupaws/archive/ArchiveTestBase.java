package io.mockupaws.archive;

import io.mockupaws.support.ApiTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Archiving tests start from empty archives, the v1.0.0 policies, and no old live months left by other tests (their
 * rows are truncated before each test; their empty partitions would be archived too and blur the counts).
 */
abstract class ArchiveTestBase extends ApiTest {

    @Autowired
    protected ArchiveService archive;

    /** The month of the logs cutoff the tests set: the 15th, 13 months ago, so that month straddles it. */
    protected YearMonth cutoffMonth;
    protected Instant cutoff;

    @BeforeEach
    void emptyArchivesAndDefaultPolicies() {
        jdbc.sql("TRUNCATE scenario_logs_archive, archive_jobs, reports_archive, scenario_metrics_archive").update();
        jdbc.sql("""
                UPDATE archive_policies SET archive_after_days = CASE table_name WHEN 'scenario_logs' THEN 365
                    WHEN 'scenario_metrics' THEN 730 ELSE 180 END, updated_by = NULL""").update();
        for (String p : partitionsEndingBefore("scenario_logs", "now() - interval '2 months'")) jdbc.sql("DROP TABLE " + p).update();
        for (String p : partitionsEndingBefore("scenario_logs_archive", "now()")) jdbc.sql("DROP TABLE " + p).update();

        LocalDate today = jdbc.sql("SELECT (now() AT TIME ZONE 'UTC')::date").query(LocalDate.class).single();
        LocalDate c = today.minusMonths(13).withDayOfMonth(15);
        cutoffMonth = YearMonth.from(c);
        cutoff = c.atStartOfDay(ZoneOffset.UTC).toInstant();
        setPolicy("scenario_logs", (int) ChronoUnit.DAYS.between(c, today));
    }

    protected void setPolicy(String table, int days) {
        jdbc.sql("UPDATE archive_policies SET archive_after_days = :d WHERE table_name = :t").param("d", days)
                .param("t", table).update();
    }

    protected List<String> partitionsEndingBefore(String parent, String time) {
        return jdbc.sql("""
                        SELECT CAST(c.oid AS regclass)::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = CAST(:p AS regclass)
                          AND CAST((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1] AS timestamptz)
                              <= %s""".formatted(time))
                .param("p", parent).query(String.class).list();
    }

    protected List<String> partitions(String parent) {
        return jdbc.sql("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = CAST(:p AS regclass) ORDER BY 1""")
                .param("p", parent).query(String.class).list();
    }

    protected static Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    protected static String suffix(YearMonth m) {
        return String.format("%04d_%02d", m.getYear(), m.getMonthValue());
    }

    protected long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    protected UUID scenario(String name) {
        return UUID.fromString(createScenario(name, "us-east-1"));
    }

    protected ArchiveService.Request request(ArchiveTable table, int batchSize) {
        return new ArchiveService.Request(java.util.EnumSet.of(table), batchSize, ArchiveTrigger.CLI, null);
    }
}
