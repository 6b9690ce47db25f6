package io.mockupaws.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.support.ApiTest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PartitionMaintenanceTest extends ApiTest {

    @Autowired
    PartitionMaintenance maintenance;

    private List<String> partitions() {
        return jdbc.sql("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'scenario_logs'::regclass ORDER BY 1""").query(String.class).list();
    }

    @Test
    void partitionsExistFromThisMonthToThreeMonthsAheadAndMaintenanceIsIdempotent() {
        maintenance.ensurePartitions();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int i = 0; i <= 3; i++) {
            YearMonth m = now.plusMonths(i);
            assertThat(partitions()).contains(String.format("scenario_logs_%04d_%02d", m.getYear(), m.getMonthValue()));
        }
        assertThat(maintenance.ensurePartitions()).isZero();
    }

    @Test
    void dropsAMissingFuturePartitionAndRecreatesIt() {
        YearMonth m = YearMonth.now(ZoneOffset.UTC).plusMonths(3);
        String name = String.format("scenario_logs_%04d_%02d", m.getYear(), m.getMonthValue());
        jdbc.sql("DROP TABLE " + name).update();

        assertThat(maintenance.ensurePartitions()).isEqualTo(1);
        assertThat(partitions()).contains(name);
    }

    @Test
    void rowsLandInTheirMonthAndAMonthWithoutPartitionIsRefused() {
        UUID scenario = UUID.randomUUID();
        insertLogAt(scenario, "now()");
        String month = jdbc.sql("""
                SELECT tableoid::regclass::text FROM scenario_logs WHERE scenario_id = :s""")
                .param("s", scenario).query(String.class).single();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(month).isEqualTo(String.format("scenario_logs_%04d_%02d", now.getYear(), now.getMonthValue()));

        assertThatThrownBy(() -> insertLogAt(scenario, "now() + interval '2 years'"))
                .hasMessageContaining("no partition");
    }

    @Test
    void historicRangesCanBeCreatedForImportsAndArchives() {
        int created = jdbc.sql("SELECT mockupaws_ensure_monthly_partitions('scenario_logs', DATE '2024-01-15', DATE '2024-03-01')")
                .query(Integer.class).single();
        assertThat(created).isEqualTo(3);
        assertThat(partitions()).contains("scenario_logs_2024_01", "scenario_logs_2024_02", "scenario_logs_2024_03");
        insertLogAt(UUID.randomUUID(), "TIMESTAMPTZ '2024-01-31 23:59:59.999999+00'");
        insertLogAt(UUID.randomUUID(), "TIMESTAMPTZ '2024-02-01 00:00:00+00'");
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs_2024_01").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM scenario_logs_2024_02").query(Long.class).single()).isEqualTo(1);
        for (String p : List.of("scenario_logs_2024_01", "scenario_logs_2024_02", "scenario_logs_2024_03")) {
            jdbc.sql("DROP TABLE " + p).update();
        }
    }

    private void insertLogAt(UUID scenario, String timeSql) {
        jdbc.sql("""
                INSERT INTO scenario_logs (scenario_id, received_at, message_hash, preview, size_bytes, sqs_blocks,
                                           token_count, char_count)
                VALUES (:s, %s, decode(repeat('ab', 32), 'hex'), 'p', 1, 1, 1, 1)""".formatted(timeSql))
                .param("s", scenario).update();
    }
}
