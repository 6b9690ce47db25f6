package io.mockupaws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.Files2;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code archive} of the packaged jar, next to a running server (it attaches to the server's embedded PostgreSQL):
 * a dry run changes nothing, a run moves old events, a second archiver exits 3 saying why, a bad option exits 2.
 */
class ArchiveCliIT {

    /** ArchiveLock.KEY: the lock every archiver takes. */
    private static final long ARCHIVER_LOCK = 0x6d6b6177735f6172L;

    @Test
    void dryRunRunAndASecondArchiverThatExitsCleanly() throws Exception {
        Path dataDir = Path.of("target", "it-archive").toAbsolutePath();
        Files2.deleteTree(dataDir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port));
        Process server = JarProcess.start(env, dataDir.resolveSibling("it-archive-server.log"));
        try {
            JarProcess.awaitHealthy(new Api(port), server, Duration.ofSeconds(180));
            try (Connection db = connect(dataDir); Statement st = db.createStatement()) {
                // 1,000 events of a month 14 months ago, written by hand (ingest stamps events with the arrival time)
                st.execute("SELECT mockupaws_ensure_monthly_partitions('scenario_logs', (now() - interval '14 months')::date,"
                        + " (now() - interval '14 months')::date)");
                st.execute("""
                        INSERT INTO scenario_logs (scenario_id, received_at, message_hash, preview, size_bytes, sqs_blocks,
                                                   token_count, char_count)
                        SELECT gen_random_uuid(), date_trunc('month', now() - interval '14 months') + make_interval(mins => g),
                               sha256(int8send(g)), 'event ' || g, 100, 1, 10, 80
                        FROM generate_series(1, 1000) g""");

                JarProcess.Result dry = JarProcess.run(env, "archive", "--dry-run");
                assertThat(dry.exit()).as(dry.out()).isZero();
                assertThat(dry.out()).contains("Dry run: nothing is changed").contains("scenario_logs").contains("1,000 rows")
                        .contains("scenario_metrics").contains("reports");
                assertThat(count(st, "scenario_logs_archive")).isZero();

                JarProcess.Result bad = JarProcess.run(env, "archive", "--batch-size", "0");
                assertThat(bad.exit()).isEqualTo(2);
                assertThat(bad.out()).contains("--batch-size must be between 1 and");

                st.execute("SELECT pg_advisory_lock(" + ARCHIVER_LOCK + ")");
                JarProcess.Result busy = JarProcess.run(env, "archive", "--logs");
                assertThat(busy.exit()).as(busy.out()).isEqualTo(3);
                assertThat(busy.out()).contains("Not archiving: another archiver is running");
                assertThat(count(st, "scenario_logs_archive")).isZero();
                st.execute("SELECT pg_advisory_unlock(" + ARCHIVER_LOCK + ")");

                JarProcess.Result run = JarProcess.run(env, "archive", "--logs", "--batch-size", "100");
                assertThat(run.exit()).as(run.out()).isZero();
                assertThat(run.out()).containsPattern("logs +completed +1,000 rows").contains("1 month(s) swapped");
                assertThat(count(st, "scenario_logs_archive")).isEqualTo(1000);
                assertThat(count(st, "archive_jobs WHERE status = 'skipped' AND trigger = 'cli'")).isEqualTo(1);
            }
        } finally {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Connection connect(Path dataDir) throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg/postmaster.pid"));
        String password = Files.readString(dataDir.resolve("pg-superuser-password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/mockupaws", "postgres",
                password);
    }

    private static long count(Statement st, String from) throws Exception {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
