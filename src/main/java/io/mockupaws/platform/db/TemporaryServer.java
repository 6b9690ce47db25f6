package io.mockupaws.platform.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 server on a cluster directory that is not this installation's own, run for as long as a task
 * needs it, on a free loopback port: point-in-time recovery replays WAL into a restored cluster with it and then
 * validates the result.
 *
 * <p>It runs the embedded {@code postgres} binary directly, not through {@code pg_ctl}, with its settings as
 * {@code -c} arguments: they override the cluster's own configuration files for this run only and leave nothing
 * behind in them, and no shell ever parses them. The server runs as {@link ServerUser}, like the embedded one.
 */
public final class TemporaryServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private TemporaryServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server and returns at once; it is ready when it accepts connections.
     *
     * @param binariesRoot a data directory to unpack the embedded binaries into (kept there for later starts)
     * @param settings server settings, each passed as {@code -c name=value}
     * @param environment added to the server's environment (the commands it runs, such as restore_command, see it)
     * @param log receives the server's output
     */
    public static TemporaryServer start(Path binariesRoot, Path pgData, Map<String, String> settings,
                                        Map<String, String> environment, Path log) {
        Path bin = PostgresBinaries.unpack(binariesRoot.toAbsolutePath().normalize()).resolve("bin");
        try {
            int port = freePort();
            List<String> cmd = new ArrayList<>(ServerUser.current().commandPrefix());
            cmd.addAll(List.of(bin.resolve("postgres").toString(), "-D", pgData.toAbsolutePath().toString(),
                    "-c", "port=" + port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
            settings.forEach((name, value) -> cmd.addAll(List.of("-c", name + "=" + value)));
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(pgData.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(environment);
            pb.environment().put("LC_ALL", "C");
            pb.environment().put("LANG", "C");
            return new TemporaryServer(pb.start(), port, log);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not start PostgreSQL on " + pgData + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The server's exit code once it has exited on its own (a FATAL error, a failed recovery). */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Fast shutdown (SIGINT): sessions are ended, a shutdown checkpoint written, the cluster left clean. */
    public void stop() {
        if (!process.isAlive()) return;
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new EmbeddedPostgresException("PostgreSQL on port " + port + " did not shut down within 2 minutes; killed");
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new EmbeddedPostgresException("Could not stop PostgreSQL on port " + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
