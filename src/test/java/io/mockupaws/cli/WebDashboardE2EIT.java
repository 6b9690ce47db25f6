package io.mockupaws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.mockupaws.support.Api;
import io.mockupaws.support.Files2;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The web dashboard end to end: the packaged jar on a free port with a fresh data directory and its embedded
 * database, the first administrator made with the CLI, then the Playwright suite in frontend/e2e driving Debian's
 * chromium against it (the journey in both languages, axe on every page, keyboard, auth, admin, render timing).
 * Skipped only when the build was told to leave the dashboard out (-Dskip.frontend, or -DskipTests).
 */
class WebDashboardE2EIT {

    private static final String ADMIN_EMAIL = "admin@e2e.example.com";
    private static final String ADMIN_PASSWORD = "an administrator's long passphrase";
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(25);

    @Test
    void theDashboardWorksInABrowserAgainstThePackagedJar() throws Exception {
        assumeFalse(Boolean.getBoolean("frontend.skip"), "the dashboard was left out of this build (-Dskip.frontend)");
        Path frontend = Path.of(System.getProperty("frontend.dir", "frontend")).toAbsolutePath();
        try (JarFile jar = new JarFile(JarProcess.JAR.toFile())) {
            assertThat(jar.getEntry("BOOT-INF/classes/static/index.html")).as("the jar carries the built dashboard").isNotNull();
        }

        Path dataDir = Path.of("target", "it-webui").toAbsolutePath();
        Files2.deleteTree(dataDir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        // The suite signs up and in dozens of times from one address, faster than a person would: the per-IP
        // limits are raised for it (they have their own tests). No WAL archiving: no JVM started per segment.
        Map<String, String> env = Map.of(
                "MOCKUPAWS_DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(port),
                "MOCKUPAWS_RATE_LIMIT_AUTH", "10000",
                "MOCKUPAWS_RATE_LIMIT_API_KEYS", "10000",
                "MOCKUPAWS_RATE_LIMIT_FREE", "1000000",
                "MOCKUPAWS_WAL_ARCHIVING", "false");

        Process server = JarProcess.start(env, dataDir.resolveSibling("it-webui.log"));
        try {
            awaitHealthy(new Api(port), server);
            JarProcess.Result admin = JarProcess.runWithInput(env, ADMIN_PASSWORD + "\n",
                    "users", "create", "--email", ADMIN_EMAIL, "--role", "admin", "--name", "Ops Admin");
            assertThat(admin.exit()).as(admin.out()).isZero();

            Path log = dataDir.resolveSibling("it-webui-playwright.log");
            ProcessBuilder pb = new ProcessBuilder(List.of("npx", "playwright", "test"))
                    .directory(frontend.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(Map.of(
                    "BASE_URL", "http://localhost:" + port,
                    "ADMIN_EMAIL", ADMIN_EMAIL,
                    "ADMIN_PASSWORD", ADMIN_PASSWORD,
                    "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                    "CI", "true"));
            Process playwright = pb.start();
            if (!playwright.waitFor(SUITE_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                playwright.descendants().forEach(ProcessHandle::destroyForcibly);
                playwright.destroyForcibly();
                throw new AssertionError("the Playwright suite did not finish in " + SUITE_TIMEOUT + "\n" + tail(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(out);
            assertThat(playwright.exitValue()).as("npx playwright test (log: %s)\n%s", log, tail(log)).isZero();
            Path perf = frontend.resolve("test-results/perf.json");
            if (Files.exists(perf)) Files.copy(perf, Path.of("target", "dashboard-perf.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 120), lines.size()));
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
