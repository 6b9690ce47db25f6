package io.mockupaws.ops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables whose rows a dump carries, and their row counts: every ordinary table (each partition of a
 * partitioned table is one) outside the system schemas and not owned by an extension. The same list serves the
 * backup, which counts rows in its own snapshot, and the restore, which must read every one of them back.
 */
final class DatabaseTables {

    private static final String TABLES = """
            SELECT n.nspname || '.' || c.relname AS name, format('%I.%I', n.nspname, c.relname) AS qualified
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1""";

    record Table(String name, String qualified) {}

    private DatabaseTables() {}

    static List<Table> list(Connection c) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) tables.add(new Table(rs.getString(1), rs.getString(2)));
        }
        return tables;
    }

    /** Reads every table through; a table that cannot be read fails with its name in the message. */
    static Map<String, Long> countRows(Connection c, List<Table> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (Table t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t.qualified())) {
                    rs.next();
                    counts.put(t.name(), rs.getLong(1));
                } catch (SQLException e) {
                    throw new SQLException("reading table " + t.name() + " failed: " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        return counts;
    }
}
