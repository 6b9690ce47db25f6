package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The embedded server keeps its data and recovers from an owner that died without stopping it. */
class EmbeddedPostgresTest {

    private Path root;

    @BeforeEach
    void freshDataDirectory(TestInfo test) throws IOException {
        root = Path.of("target", "embedded-pg-tests", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        PostgresBinaries.deleteTree(root);
        Files.createDirectories(root);
        // share the unpacked binaries of the main test server instead of unpacking 30 MB again
        Path shared = Path.of("target", "test-data", "pg-bin").toAbsolutePath();
        if (Files.isDirectory(shared)) Files.createSymbolicLink(root.resolve("pg-bin"), shared);
    }

    @AfterEach
    void stopServer() {
        EmbeddedPostgres s = EmbeddedPostgres.forgetForTests(root);
        if (s != null) s.stopForTests();
    }

    @Test
    void dataSurvivesAStopAndStart() throws Exception {
        EmbeddedPostgres first = EmbeddedPostgres.start(root, 0, "app", Map.of());
        execute(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        first.stop();
        assertThat(Files.exists(root.resolve("pg/postmaster.pid"))).isFalse();

        EmbeddedPostgres second = EmbeddedPostgres.start(root, 0, "app", Map.of());

        assertThat(query(second, "SELECT v FROM kept")).isEqualTo("still here");
        assertThat(query(second, "SELECT current_setting('server_version')")).startsWith("15.");
        assertThat(query(second, "SELECT current_setting('shared_preload_libraries')")).contains("pg_stat_statements");
    }

    @Test
    void startsOverAStalePidFileOfADeadProcess() throws Exception {
        EmbeddedPostgres first = EmbeddedPostgres.start(root, 0, "app", Map.of());
        execute(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
        first.stop();
        // the pid of a process that has exited: what a crashed host leaves behind
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(root.resolve("pg/postmaster.pid"), gone.pid() + "\n" + root.resolve("pg") + "\n0\n5432\n");

        EmbeddedPostgres second = EmbeddedPostgres.start(root, 0, "app", Map.of());

        assertThat(query(second, "SELECT v FROM kept")).isEqualTo("42");
    }

    @Test
    void stopsTheOrphanedServerOfAnOwnerThatDiedAndKeepsItsData() throws Exception {
        EmbeddedPostgres first = EmbeddedPostgres.start(root, 0, "app", Map.of());
        execute(first, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)");
        long orphanPid = Long.parseLong(Files.readAllLines(root.resolve("pg/postmaster.pid")).getFirst().trim());
        EmbeddedPostgres.abandonForTests(root); // the owner "dies": its lock is gone, its server still runs
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).hasValue(true);

        EmbeddedPostgres second = EmbeddedPostgres.start(root, 0, "app", Map.of());

        assertThat(running(orphanPid)).isFalse();
        assertThat(second.port()).isNotEqualTo(first.port());
        assertThat(query(second, "SELECT v FROM kept")).isEqualTo("7");
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryAttachesInsteadOfStartingAnother() throws Exception {
        EmbeddedPostgres owner = EmbeddedPostgres.start(root, 0, "app", Map.of());
        EmbeddedPostgres.forgetForTests(root); // the lock stays held, as by another process

        EmbeddedPostgres attached = EmbeddedPostgres.start(root, 0, "app", Map.of());

        assertThat(attached.owned()).isFalse();
        assertThat(attached.port()).isEqualTo(owner.port());
        assertThat(query(attached, "SELECT 1")).isEqualTo("1");
        attached.stop(); // must not stop the owner's server
        assertThat(query(owner, "SELECT 2")).isEqualTo("2");
        EmbeddedPostgres.forgetForTests(root);
        owner.stopForTests();
    }

    /** Alive and not a zombie (a sandbox whose init does not reap leaves exited servers as zombies). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) return false;
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }

    private static void execute(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("app"), pg.user(), pg.password())) {
            c.createStatement().execute(sql);
        }
    }

    private static String query(EmbeddedPostgres pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("app"), pg.user(), pg.password())) {
            var rs = c.createStatement().executeQuery(sql);
            rs.next();
            return rs.getString(1);
        }
    }
}
