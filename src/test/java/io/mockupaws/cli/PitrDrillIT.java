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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drill 1, through the packaged jar as an operator runs it: the embedded server archives its WAL through
 * {@code backup wal-push}; a base backup; data set A; time T; data set B; then a point-in-time restore to T into a
 * new directory gives exactly A and none of B, and mockupAWS starts on it. Then the failures: a target time before
 * the base backup, and WAL missing from the archive, are clear errors that leave nothing behind.
 */
class PitrDrillIT {

    private final Path dataDir = Path.of("target", "it-pitr").toAbsolutePath();
    private final Path restored = Path.of("target", "it-pitr-restored").toAbsolutePath();
    private Process app;
    private Process restoredApp;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : new Process[] {app, restoredApp}) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    @Test
    void pointInTimeRecoveryRestoresExactlyWhatWasCommittedBeforeTheTargetTime() throws Exception {
        Files2.deleteTree(dataDir);
        Files2.deleteTree(restored);
        int port = freePort();
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port));
        Api anonymous = new Api(port);
        app = JarProcess.start(env, dataDir.resolveSibling("it-pitr-app.log"), new String[0]);
        awaitHealthy(anonymous, app);
        // the account exists before the base backup, so the restored cluster has it too
        assertThat(anonymous.post("/api/v1/auth/register", CREDENTIALS).status()).isEqualTo(201);
        Api api = signIn(anonymous);

        JarProcess.Result base = JarProcess.run(env, "backup", "base");
        assertThat(base.exit()).as(base.out()).isZero();
        assertThat(base.out()).contains("Base backup", "from segment");

        for (String name : List.of("A1", "A2", "A3")) createScenario(api, name);
        Thread.sleep(1000);
        Instant t = databaseNow();
        Thread.sleep(1000);
        for (String name : List.of("B1", "B2")) createScenario(api, name);
        Instant committedB = Instant.now();
        String segmentOfB = switchWal();
        Duration archivedAfter = awaitArchived(segmentOfB, committedB);
        System.out.printf("RPO sample: B's WAL segment %s was in the store %d ms after its commit (with a forced switch)%n",
                segmentOfB, archivedAfter.toMillis());

        JarProcess.Result restore = JarProcess.run(env, "restore", "latest", "--target-time", t.toString(),
                "--target-dir", restored.toString());

        assertThat(restore.exit()).as(restore.out()).isZero();
        assertThat(restore.out()).contains("Restored base backup", "as of " + t, "public.scenarios", "Flyway history");
        assertThat(restored.resolve("pg-superuser-password")).exists();
        int restoredPort = freePort();
        Api restoredAnonymous = new Api(restoredPort);
        restoredApp = JarProcess.start(Map.of("MOCKUPAWS_DATA_DIR", restored.toString(), "PORT", Integer.toString(restoredPort)),
                restored.resolveSibling("it-pitr-restored-app.log"), new String[0]);
        awaitHealthy(restoredAnonymous, restoredApp);
        Api restoredApi = signIn(restoredAnonymous);
        List<String> names = new ArrayList<>();
        restoredApi.get("/api/v1/scenarios?page_size=100&sort_by=name&sort_order=asc").json().get("items")
                .forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).containsExactly("A1", "A2", "A3");
        restoredApp.destroy();
        assertThat(restoredApp.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // A base backup cannot be taken back before its own end: refused before anything is written.
        Path refused = restored.resolveSibling("it-pitr-refused");
        Files2.deleteTree(refused);
        JarProcess.Result tooEarly = JarProcess.run(env, "restore", "latest", "--target-time", t.minus(Duration.ofHours(1)).toString(),
                "--target-dir", refused.toString());
        assertThat(tooEarly.exit()).isEqualTo(1);
        assertThat(tooEarly.out()).contains("is before every base backup", "Nothing was restored");
        assertThat(refused).doesNotExist();

        // WAL lost from the archive: recovery cannot reach the target, and says so.
        Files.delete(dataDir.resolve("objects/wal").resolve(segmentOfB));
        Instant afterB = databaseNow();
        JarProcess.Result missing = JarProcess.run(env, "restore", "latest", "--target-time", afterB.toString(),
                "--target-dir", refused.toString());
        assertThat(missing.exit()).as(missing.out()).isEqualTo(1);
        assertThat(missing.out()).contains("Missing WAL: recovery could not reach " + afterB, "last WAL replayed",
                "Nothing was restored");
        assertThat(refused).doesNotExist();
    }

    private static final String CREDENTIALS = "{\"email\":\"pitr@example.com\",\"password\":\"point-in-time-2026\"}";

    private static Api signIn(Api anonymous) {
        Api.Response login = anonymous.post("/api/v1/auth/login", CREDENTIALS);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return anonymous.withBearer(login.json().get("access_token").asString());
    }

    private static void createScenario(Api api, String name) {
        Api.Response r = api.post("/api/v1/scenarios", "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private Instant databaseNow() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    /** Closes the current WAL segment (as archive_timeout would within 60 s) and returns its name. */
    private String switchWal() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_current_wal_lsn()), pg_switch_wal()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Duration awaitArchived(String segment, Instant since) throws InterruptedException {
        Path file = dataDir.resolve("objects/wal").resolve(segment);
        Instant giveUp = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(giveUp)) {
            if (Files.exists(file)) return Duration.between(since, Instant.now());
            Thread.sleep(100);
        }
        throw new AssertionError(segment + " was not archived within 90 s; see " + dataDir.resolve("pg-log/postgres.log"));
    }

    private Connection connect() throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg/postmaster.pid"));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/mockupaws", "postgres",
                Files.readString(dataDir.resolve("pg-superuser-password")).strip());
    }

    private static void awaitHealthy(Api api, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("mockupAWS exited with " + p.exitValue());
            try {
                if (api.get("/api/v1/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("mockupAWS did not become healthy in 180 s");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
