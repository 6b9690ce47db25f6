package io.mockupaws.ops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a restored database must show before it is called restored: every table reads through (the row counts are
 * printed), the rows are exactly those the backup counted in its snapshot (when it did: a point-in-time restore
 * has no such count), and Flyway's history is there with every migration successful, so the application will
 * start on it without migrating anything it should not.
 */
final class RestoreValidation {

    record Result(Map<String, Long> rowCounts, int migrations, String schemaVersion) {
        long totalRows() {
            return rowCounts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private RestoreValidation() {}

    /** @param expected rows per table as the backup counted them; null when unknown */
    static Result validate(Connection c, Map<String, Long> expected) throws SQLException {
        Map<String, Long> counts = DatabaseTables.countRows(c, DatabaseTables.list(c));
        if (expected != null && !expected.equals(counts)) {
            List<String> differences = new ArrayList<>();
            for (String table : union(expected, counts)) {
                Long want = expected.get(table);
                Long got = counts.get(table);
                if (!Objects.equals(want, got)) {
                    differences.add(table + ": backup " + (want == null ? "had no such table" : want + " rows")
                            + ", restored " + (got == null ? "no such table" : got + " rows"));
                }
            }
            throw new BackupException("The restored database does not hold what the backup counted: "
                    + String.join("; ", differences.subList(0, Math.min(10, differences.size())))
                    + (differences.size() > 10 ? "; and " + (differences.size() - 10) + " more" : ""));
        }
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new BackupException("The restored database has no Flyway history (flyway_schema_history): it is "
                            + "not a mockupAWS database, or the backup is incomplete");
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT count(*), count(*) FILTER (WHERE NOT success),
                           (SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
                            ORDER BY installed_rank DESC LIMIT 1)
                    FROM flyway_schema_history""")) {
                rs.next();
                if (rs.getInt(2) > 0) {
                    throw new BackupException("The restored Flyway history records " + rs.getInt(2) + " failed migration(s); "
                            + "the application would refuse to start on it");
                }
                return new Result(counts, rs.getInt(1), rs.getString(3));
            }
        }
    }

    private static List<String> union(Map<String, Long> a, Map<String, Long> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return List.copyOf(all);
    }
}
