package io.mockupaws.archive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One archiver at a time, across processes and instances: a PostgreSQL advisory lock held by a connection of its own
 * for the whole run. It is a transaction-level lock in an open transaction rather than a session lock, so it also
 * holds through PgBouncer in transaction mode (which would hand a session lock's server connection to another
 * client between statements). The transaction writes nothing and keeps no snapshot (see below), so it holds back
 * neither vacuum nor a concurrent index build; it shows in pg_stat_activity as application {@code mockupaws archiver}. When the process dies, the connection closes and the lock is gone: no stale lock to clean up.
 */
final class ArchiveLock implements AutoCloseable {

    /** "mkaws_ar": distinct from the backup scheduler's key. */
    static final long KEY = 0x6d6b6177735f6172L;

    private final Connection connection;

    private ArchiveLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or empty when another archiver holds it. */
    static Optional<ArchiveLock> tryAcquire(DataSource dataSource) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // an operator's idle_in_transaction_session_timeout would end the transaction, and the lock with it
                st.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
                boolean locked;
                try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + KEY + ")")) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
                if (locked) {
                    // A statement that takes no snapshot, so that the SELECT's portal (which the driver keeps open until
                    // the next one) and its snapshot are gone: an idle transaction holding a snapshot would hold back
                    // vacuum and make CREATE INDEX CONCURRENTLY, which the archiver itself runs, wait for it forever.
                    st.execute("SET LOCAL application_name = 'mockupaws archiver'");
                    return Optional.of(new ArchiveLock(c));
                }
            }
            release(c);
            return Optional.empty();
        } catch (SQLException e) {
            if (c != null) release(c);
            throw new ArchiveException("Could not take the archiver's lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        release(connection);
    }

    private static void release(Connection c) {
        try (c) {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is gone, and the lock with it
        }
    }
}
