package io.mockupaws.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the short server-side commands of this package (initdb, pg_ctl, id, chown) and reports their output. */
final class Commands {

    private Commands() {}

    static String run(List<String> cmd, Duration timeout, Path workDir) {
        return run(cmd, timeout, workDir, Map.of());
    }

    /**
     * @param extraEnvironment added to this process's environment; the server started by {@code pg_ctl start}
     *                         inherits it, and so do the commands it runs (archive_command)
     */
    static String run(List<String> cmd, Duration timeout, Path workDir, Map<String, String> extraEnvironment) {
        try {
            // A file, not a pipe: pg_ctl start leaves the server holding its output, and a pipe would never end.
            Path output = Files.createTempFile("mockupaws-pg", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                addEnvironment(pb.environment(), workDir, extraEnvironment);
                Process p = pb.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new EmbeddedPostgresException("Timed out after " + timeout.toSeconds() + " s: " + describe(cmd));
                }
                String out = Files.readString(output);
                if (p.exitValue() != 0) {
                    throw new EmbeddedPostgresException(describe(cmd) + " failed (exit " + p.exitValue() + "): " + out.strip());
                }
                return out;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not run " + describe(cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("Interrupted while running " + describe(cmd), e);
        }
    }

    /** What a command run in {@code workDir} gets on top of the environment it inherits. */
    static void addEnvironment(Map<String, String> environment, Path workDir, Map<String, String> extraEnvironment) {
        environment.putAll(extraEnvironment);
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        environment.put("HOME", workDir.toString());
    }

    private static String describe(List<String> cmd) {
        return cmd.stream().filter(s -> !s.startsWith("--pwfile")).reduce((a, b) -> a + " " + b).orElse("");
    }
}
