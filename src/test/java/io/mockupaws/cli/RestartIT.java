package io.mockupaws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.Files2;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The jar on a fresh data directory, killed with SIGKILL mid-flight, comes back with all its data; a SIGTERM stops
 * it and its PostgreSQL cleanly. Start-up times are printed (they go to the README's performance section).
 */
class RestartIT {

    private static final String PASSWORD = "restart-proof-password-7";

    @Test
    void survivesKillDashNineWithAllDataAndStopsCleanlyOnSigterm() throws Exception {
        Path dataDir = Path.of("target", "it-restart").toAbsolutePath();
        Files2.deleteTree(dataDir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port));
        Api anonymous = new Api(port);

        long t0 = System.nanoTime();
        Process first = JarProcess.start(env, dataDir.resolveSibling("it-restart-1.log"));
        awaitHealthy(anonymous, first);
        long cold = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        // sign-up and sign-in over HTTP, as a user would; the access token must outlive the restart too
        anonymous.post("/api/v1/auth/register", "{\"email\":\"survivor@example.com\",\"password\":\"" + PASSWORD + "\"}");
        String token = anonymous.post("/api/v1/auth/login", "{\"email\":\"survivor@example.com\",\"password\":\"" + PASSWORD + "\"}")
                .json().get("access_token").asString();
        Api api = anonymous.withBearer(token);
        String id = api.post("/api/v1/scenarios", "{\"name\":\"survivor\"}").json().get("id").asString();
        api.post("/api/v1/scenarios/" + id + "/start");

        first.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL is left running
        first.waitFor(30, TimeUnit.SECONDS);
        assertThat(Files.exists(dataDir.resolve("pg/postmaster.pid"))).isTrue();

        long t1 = System.nanoTime();
        Process second = JarProcess.start(env, dataDir.resolveSibling("it-restart-2.log"));
        awaitHealthy(anonymous, second);
        long warm = Duration.ofNanos(System.nanoTime() - t1).toMillis();

        // the JWT key was generated into the data directory on first start and is read back, not regenerated
        var back = api.get("/api/v1/scenarios/" + id);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("running");

        second.destroy(); // SIGTERM: graceful, stops PostgreSQL too
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dataDir.resolve("pg/postmaster.pid"))).as("PostgreSQL stopped with the app").isFalse();

        System.out.printf("startup: cold (empty data dir) %d ms, warm (after kill -9) %d ms%n", cold, warm);
        Files.writeString(Path.of("target", "startup-times.txt"), "cold_ms=" + cold + "\nwarm_ms=" + warm + "\n");
    }

    private static void awaitHealthy(Api api, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("mockupAWS exited with " + p.exitValue());
            try {
                if (api.get("/api/v1/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mockupAWS did not become healthy in 120 s");
    }
}
