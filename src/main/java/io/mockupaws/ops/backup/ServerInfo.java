package io.mockupaws.ops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a backup records about the server, read over the connection it backs up.
 *
 * @param databaseBytes the size of the database, and of all databases (what a base backup copies)
 */
record ServerInfo(String version, int versionNum, String database, long walSegmentBytes, String currentLsn,
                  long databaseBytes, long clusterBytes) {

    int major() {
        return versionNum / 10000;
    }

    static ServerInfo read(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT current_setting('server_version'), current_setting('server_version_num')::int, current_database(),
                       (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size'),
                       CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END,
                       pg_database_size(current_database()),
                       (SELECT sum(pg_database_size(oid))::bigint FROM pg_database WHERE datallowconn)""")) {
            rs.next();
            return new ServerInfo(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                    rs.getLong(6), rs.getLong(7));
        }
    }
}
