package io.mockupaws.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar the way a user does: {@code java -jar target/mockupaws.jar ...}. */
final class JarProcess {

    static final Path JAR = Path.of(System.getProperty("mockupaws.jar", "target/mockupaws.jar"));
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    record Result(int exit, String out) {}

    private JarProcess() {}

    static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    static Result run(Map<String, String> env, String... args) throws Exception {
        return runWithInput(env, "", args);
    }

    /** Runs a command with {@code input} on its standard input (a password, as an operator would pipe it). */
    static Result runWithInput(Map<String, String> env, String input, String... args) throws Exception {
        return runWithInput(env, input, 120, args);
    }

    /** The same with a longer limit, for a command that does real work (a benchmark, a restore). */
    static Result runWithInput(Map<String, String> env, String input, int timeoutSeconds, String... args) throws Exception {
        Path log = Files.createTempFile("mockupaws-cli", ".log");
        Process p = start(env, log, args);
        try (var stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("command did not finish: " + List.of(args) + "\n" + Files.readString(log));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(p.exitValue(), out);
    }

    /** Waits until the server answers /api/v1/health with 200; fails if it exits or takes longer than {@code limit}. */
    static void awaitHealthy(io.mockupaws.support.Api api, Process p, java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("mockupAWS exited with " + p.exitValue());
            try {
                if (api.get("/api/v1/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("mockupAWS did not become healthy within " + limit);
    }
}
