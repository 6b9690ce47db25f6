package io.mockupaws.ops.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a PostgreSQL client tool. Its stderr is read all along (a tool blocks when nobody drains it) and
 * its last lines kept, for the error message when it fails and for what it reports ({@code pg_basebackup -v}
 * prints its WAL start and end points there).
 */
final class ToolRun implements AutoCloseable {

    private static final int KEPT_LINES = 400;

    private final String name;
    private final Process process;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread stderrReader;

    private ToolRun(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stderrReader = Thread.ofPlatform().daemon().name(name + " stderr").start(this::drainStderr);
    }

    /**
     * @param stdout where the tool's stdout goes; {@link ProcessBuilder.Redirect#PIPE} to read it from {@link #stdout()}
     * @param stdin the tool's stdin; {@link ProcessBuilder.Redirect#PIPE} to write it through {@link #stdin()}
     */
    static ToolRun start(Path tool, List<String> args, Map<String, String> environment,
                         ProcessBuilder.Redirect stdin, ProcessBuilder.Redirect stdout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(stdin).redirectOutput(stdout);
        pb.environment().putAll(environment);
        pb.environment().put("LC_MESSAGES", "C");
        try {
            return new ToolRun(tool.getFileName().toString(), pb.start());
        } catch (IOException e) {
            throw new BackupException("Could not start " + tool + ": " + e.getMessage(), e);
        }
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the tool; a non-zero exit is a {@link BackupException} with the tool's last messages. */
    void awaitSuccess() {
        int exit;
        try {
            exit = process.waitFor();
            stderrReader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BackupException(name + " was interrupted");
        }
        if (exit != 0) {
            throw new BackupException(name + " failed (exit " + exit + ")" + (stderrText().isBlank() ? "" : ": " + stderrText()));
        }
    }

    /** The tool's last lines of stderr. */
    synchronized List<String> stderrLines() {
        return List.copyOf(stderr);
    }

    String stderrText() {
        return String.join("\n", stderrLines()).strip();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void drainStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (this) {
                    stderr.addLast(line);
                    if (stderr.size() > KEPT_LINES) stderr.removeFirst();
                }
            }
        } catch (IOException e) {
            // the tool is gone; what was read is what there is
        }
    }
}
