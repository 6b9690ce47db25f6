package io.mockupaws.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.ApiTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * The down-scripts of V41, V15 and V14 (db/rollback, README "Database performance") take the schema back to what V13
 * left — indexes, views, the refresh record and Flyway's history — and the migrations, applied again, give back
 * exactly what was there. All inside one transaction that is rolled back: PostgreSQL's DDL is transactional.
 */
class PerformanceMigrationRollbackTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theDownScriptsUndoTheMigrationsAndTheMigrationsRedoThemIdentically() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                // partitions other tests created after the migration get their statistics, as partition maintenance does
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT mockupaws_ensure_partition_statistics()");
                }
                Set<String> migrated = schema(c);
                assertThat(migrated).contains("index idx_logs_scenario_received", "index idx_metrics_scenario_time_type",
                        "function mockupaws_ensure_partition_statistics",
                        "view mv_scenario_daily_stats", "table mv_refresh_state", "migration 14", "migration 15", "migration 41");
                assertThat(migrated).anyMatch(o -> o.matches("statistics scenario_logs_\\d{4}_\\d{2}_scenario_source"));

                run(c, "db/rollback/U41__partition_statistics.sql");
                run(c, "db/rollback/U15__materialized_views.sql");
                run(c, "db/rollback/U14__performance_indexes.sql");
                Set<String> undone = schema(c);

                assertThat(undone).noneMatch(o -> o.matches("index idx_(scenarios|logs|metrics|reports|apikeys)_.*")
                                && !o.contains("archive") && !o.equals("index idx_reports_unfinished") // V21, V30: not V14's
                        || o.startsWith("view ") || o.startsWith("query of ") || o.startsWith("statistics ")
                        || o.equals("function mockupaws_ensure_partition_statistics")
                        || o.startsWith("index mv_") || o.equals("table mv_refresh_state"));
                assertThat(undone).contains("index scenarios_owner_created_idx", "index scenario_metrics_pkey",
                        "index scenario_source_stats_pkey", "migration 13").doesNotContain("migration 14", "migration 15", "migration 41");

                // the migrations again (they are idempotent: benchmark-db relies on it too)
                for (int i = 0; i < 2; i++) {
                    run(c, "db/migration/V14__performance_indexes.sql");
                    run(c, "db/migration/V15__materialized_views.sql");
                    run(c, "db/migration/V41__partition_statistics.sql");
                }
                Set<String> redone = schema(c);
                redone.addAll(Set.of("migration 14", "migration 15", "migration 41"));
                assertThat(redone).isEqualTo(migrated);
            } finally {
                c.rollback();
            }
        }
    }

    /** As psql -f would: one execute, the driver splits the statements (dollar-quoted bodies included). */
    private static void run(Connection c, String resource) throws Exception {
        try (Statement st = c.createStatement(); var in = new ClassPathResource(resource).getInputStream()) {
            st.execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Every index with its definition, every materialized view with its query, the tables, applied migrations. */
    private static Set<String> schema(Connection c) throws SQLException {
        Set<String> objects = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("""
                    SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_class i JOIN pg_namespace n ON n.oid = i.relnamespace
                    WHERE n.nspname = 'public' AND i.relkind IN ('i', 'I')""")) {
                while (rs.next()) {
                    objects.add("index " + rs.getString(1));
                    objects.add("definition " + rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT matviewname, definition FROM pg_matviews WHERE schemaname = 'public'")) {
                while (rs.next()) {
                    objects.add("view " + rs.getString(1));
                    objects.add("query of " + rs.getString(1) + ": " + rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT stxname FROM pg_statistic_ext")) {
                while (rs.next()) objects.add("statistics " + rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace")) {
                while (rs.next()) objects.add("function " + rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
                while (rs.next()) objects.add("table " + rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                while (rs.next()) objects.add("migration " + rs.getString(1));
            }
        }
        return objects;
    }
}
