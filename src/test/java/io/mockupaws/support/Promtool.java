package io.mockupaws.support;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own rule checker, run as CI runs it. Missing promtool is a failure, never a skip: an unvalidated
 * rule file is the kind of thing that is found broken on the night it should have paged.
 */
public final class Promtool {

    public record Result(int exit, String output) {}

    private Promtool() {}

    public static Path require() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            if (Files.isExecutable(Path.of(configured))) return Path.of(configured);
            throw new AssertionError("PROMTOOL=" + configured + " is not an executable promtool");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) return candidate;
        }
        throw new AssertionError("promtool is not installed. It validates deploy/prometheus/*.yml; install the Debian "
                + "package 'prometheus' (apt-get install -y prometheus) or set PROMTOOL to its path.");
    }

    public static Result run(Path workDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(require().toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
