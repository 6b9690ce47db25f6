package io.mockupaws.platform.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 15 server that mockupAWS runs itself, with its data kept in {@code <data dir>/pg} between runs.
 *
 * <p>We run zonky's relocatable binaries with our own launcher instead of zonky's {@code EmbeddedPostgres},
 * because that one is built for throw-away test databases and cannot do three things a product must:
 * <ul>
 *   <li>run when the JVM is root (PostgreSQL refuses to run as root; we run the server as an unprivileged user,
 *       {@code nobody} unless {@code MOCKUPAWS_EMBEDDED_PG_USER} says otherwise, through {@code setpriv});</li>
 *   <li>come back after {@code kill -9}: the postmaster outlives the JVM that started it, so the next start finds a
 *       live server (or a stale {@code postmaster.pid}) on its data directory and must stop or clear it;</li>
 *   <li>keep the data directory and its settings (WAL archiving, pg_stat_statements) across restarts.</li>
 * </ul>
 * One mockupAWS process owns a data directory at a time, proven by an OS file lock that dies with the process. A
 * second process on the same data directory (a CLI command next to a running server) attaches to the running
 * server instead of starting another.
 */
public final class EmbeddedPostgres {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Map<Path, EmbeddedPostgres> RUNNING = new ConcurrentHashMap<>();
    public static final String SUPERUSER = "postgres";

    private final Path dataRoot;
    private final Path pgData;
    private final Path binDir;
    private final int port;
    private final String password;
    private final boolean owned;
    private final ServerUser serverUser;
    private final FileLock ownership;
    /** What the server's own commands (archive_command) see as their environment; set when this process starts it. */
    private volatile Map<String, String> commandEnvironment = Map.of();

    private EmbeddedPostgres(Path dataRoot, Path binDir, int port, String password, boolean owned,
                             ServerUser serverUser, FileLock ownership) {
        this.dataRoot = dataRoot;
        this.pgData = dataRoot.resolve("pg");
        this.binDir = binDir;
        this.port = port;
        this.password = password;
        this.owned = owned;
        this.serverUser = serverUser;
        this.ownership = ownership;
    }

    /**
     * Starts (or, within this JVM, returns the already started) server for a data directory and makes sure the
     * database exists. {@code settings} are written to the server's {@code mockupaws.conf} on every start.
     */
    public static EmbeddedPostgres start(Path dataRoot, int requestedPort, String database, Map<String, String> settings) {
        return start(dataRoot, requestedPort, database, settings, Map.of());
    }

    /**
     * As {@link #start(Path, int, String, Map)}, with variables added to the server's environment: the commands the
     * server runs (archive_command) see them.
     */
    public static EmbeddedPostgres start(Path dataRoot, int requestedPort, String database, Map<String, String> settings,
                                         Map<String, String> serverEnvironment) {
        Path root = dataRoot.toAbsolutePath().normalize();
        EmbeddedPostgres server = RUNNING.computeIfAbsent(root, r -> launch(r, requestedPort, settings, serverEnvironment));
        server.ensureDatabase(database);
        return server;
    }

    private static final java.util.Set<String> RECREATED = ConcurrentHashMap.newKeySet();

    /**
     * Drops and recreates {@code database} the first time this JVM asks for it, then behaves like
     * {@link #ensureDatabase}. For test runs only: a database left by an older build would otherwise fail Flyway's
     * validation after migrations from parallel branches were merged in between.
     */
    public void recreateOncePerJvm(String database) {
        if (!RECREATED.add(dataRoot + "/" + database)) return;
        try (var c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             var st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Could not recreate database " + database + ": " + e.getMessage(), e);
        }
        ensureDatabase(database);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() { return port; }

    public String user() { return SUPERUSER; }

    public String password() { return password; }

    public Path dataDirectory() { return pgData; }

    public Path binDirectory() { return binDir; }

    /** False when this process attached to a server that another mockupAWS process on the same data dir owns. */
    public boolean owned() { return owned; }

    /** The installation's data directory ({@code MOCKUPAWS_DATA_DIR}); the cluster is its {@code pg}. */
    public Path dataRoot() { return dataRoot; }

    /**
     * The environment the server's commands run with (this process's, plus what it passed to the server), so that
     * work done in this process on the server's behalf — shipping its WAL — uses the same store and key as the
     * command would.
     */
    public Map<String, String> commandEnvironment() { return commandEnvironment; }

    /** The server this process started for {@code dataRoot} and still runs, if any (not one it attached to). */
    public static Optional<EmbeddedPostgres> ownedByThisProcess(Path dataRoot) {
        return Optional.ofNullable(RUNNING.get(dataRoot.toAbsolutePath().normalize())).filter(EmbeddedPostgres::owned);
    }

    public synchronized void stop() {
        if (!owned || !RUNNING.remove(dataRoot, this)) return;
        try {
            pgCtl(Duration.ofSeconds(90), "stop", "-D", pgData.toString(), "-m", "fast", "-w", "-t", "60");
            log.info("Embedded PostgreSQL stopped");
        } catch (RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        } finally {
            try { ownership.release(); ownership.channel().close(); } catch (IOException ignored) { }
        }
    }

    /** Test hook: behave as if this process died without stopping its server (as under kill -9). */
    static void abandonForTests(Path dataRoot) throws IOException {
        EmbeddedPostgres s = RUNNING.remove(dataRoot.toAbsolutePath().normalize());
        if (s != null && s.ownership != null) {
            s.ownership.release();
            s.ownership.channel().close();
        }
    }

    /** Test hook: forget the server but keep its lock, as if another process owned it. */
    static EmbeddedPostgres forgetForTests(Path dataRoot) {
        return RUNNING.remove(dataRoot.toAbsolutePath().normalize());
    }

    /** Test hook: stop a server this JVM no longer tracks. */
    void stopForTests() {
        RUNNING.put(dataRoot, this);
        stop();
    }

    private static EmbeddedPostgres launch(Path root, int requestedPort, Map<String, String> settings,
                                           Map<String, String> serverEnvironment) {
        try {
            Files.createDirectories(root);
            FileChannel lockChannel = FileChannel.open(root.resolve(".mockupaws.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                return attach(root);
            }
            Path binDir = PostgresBinaries.unpack(root).resolve("bin");
            ServerUser runAs = ServerUser.current();
            Path pgData = root.resolve("pg");
            String password = initIfNeeded(root, pgData, binDir, runAs);
            var server = new EmbeddedPostgres(root, binDir, requestedPort > 0 ? requestedPort : freePort(),
                    password, true, runAs, lock);
            server.stopOrphanedServer();
            server.writeSettings(settings);
            server.startServer(serverEnvironment);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-shutdown"));
            return server;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not start embedded PostgreSQL in " + root + ": " + e.getMessage(), e);
        }
    }

    /** Another live mockupAWS process owns this data directory: use its server, never stop it. */
    private static EmbeddedPostgres attach(Path root) throws IOException {
        Path pidFile = root.resolve("pg").resolve("postmaster.pid");
        List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
        if (lines.size() < 4 || ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive).orElse(false) == false) {
            throw new EmbeddedPostgresException("Another mockupAWS process holds the data directory " + root
                    + " but its PostgreSQL server is not running yet. Wait for it to start, or stop it.");
        }
        int port = Integer.parseInt(lines.get(3).trim());
        log.info("Attaching to the embedded PostgreSQL on port {} owned by another mockupAWS process", port);
        Path binDir = PostgresBinaries.unpack(root).resolve("bin");
        return new EmbeddedPostgres(root, binDir, port, readPassword(root), false, ServerUser.current(), null);
    }

    private static String initIfNeeded(Path root, Path pgData, Path binDir, ServerUser runAs) throws IOException {
        Path passwordFile = root.resolve("pg-superuser-password");
        if (Files.exists(pgData.resolve("PG_VERSION"))) {
            if (!Files.exists(passwordFile)) {
                throw new EmbeddedPostgresException("The embedded database in " + pgData + " exists but its password file "
                        + passwordFile + " is missing; restore that file or move the data directory away.");
            }
            runAs.handOver(pgData);
            return readPassword(root);
        }
        // A data directory without PG_VERSION is a crashed first initdb: nothing in it is worth keeping.
        PostgresBinaries.deleteTree(pgData);
        Files.createDirectories(pgData);
        String password = newPassword();
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        Path pwFile = pgData.resolve("initdb-pw");
        Files.writeString(pwFile, password, StandardCharsets.UTF_8);
        runAs.handOver(pgData);
        Files.setPosixFilePermissions(pgData, PosixFilePermissions.fromString("rwx------"));
        log.info("Initialising the embedded PostgreSQL data directory {}", pgData);
        Path staging = pgData.resolve("cluster");
        List<String> cmd = new ArrayList<>(runAs.commandPrefix());
        cmd.addAll(List.of(binDir.resolve("initdb").toString(), "-D", staging.toString(), "-U", SUPERUSER,
                "-E", "UTF8", "--locale=C", "--auth=scram-sha-256", "--pwfile=" + pwFile, "--no-instructions"));
        Commands.run(cmd, Duration.ofMinutes(3), root);
        Files.delete(pwFile);
        // initdb wants an empty target; we staged into a child so the password file could live beside it.
        try (var children = Files.list(staging)) {
            for (Path child : children.toList()) Files.move(child, pgData.resolve(child.getFileName()));
        }
        Files.delete(staging);
        Files.writeString(pgData.resolve("postgresql.conf"), "\ninclude_if_exists = 'mockupaws.conf'\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return password;
    }

    private void stopOrphanedServer() throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile);
        long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0).trim());
        Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive) : Optional.empty();
        if (process.isPresent() && isPostgres(process.get())) {
            // We hold the data directory's lock, so no live mockupAWS owns this server: its owner died (kill -9).
            log.warn("A PostgreSQL server (pid {}) left running by an earlier mockupAWS process still uses {}; stopping it",
                    pid, pgData);
            try {
                pgCtl(Duration.ofSeconds(90), "stop", "-D", pgData.toString(), "-m", "fast", "-w", "-t", "60");
            } catch (RuntimeException e) {
                process.get().destroy();
                process.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
            }
        } else {
            log.info("Removing stale postmaster.pid (pid {} is not a running PostgreSQL server)", pid);
            Files.deleteIfExists(pidFile);
        }
    }

    private void writeSettings(Map<String, String> extra) throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("port", Integer.toString(port));
        conf.put("listen_addresses", "'127.0.0.1'");
        // No Unix socket: its default directory may not be writable by the server's user, and JDBC uses TCP.
        conf.put("unix_socket_directories", "''");
        conf.put("max_connections", "200");
        conf.put("shared_buffers", "'256MB'");
        conf.put("shared_preload_libraries", "'pg_stat_statements'");
        conf.put("pg_stat_statements.track", "'top'");
        conf.put("timezone", "'UTC'");
        conf.putAll(extra);
        StringBuilder text = new StringBuilder("# Written by mockupAWS at every start; edit MOCKUPAWS_* settings instead.\n");
        conf.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Path file = pgData.resolve("mockupaws.conf");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        serverUser.handOver(file);
    }

    private void startServer(Map<String, String> serverEnvironment) throws IOException {
        Path logDir = dataRoot.resolve("pg-log");
        Files.createDirectories(logDir);
        serverUser.handOver(logDir);
        log.info("Starting embedded PostgreSQL {} on 127.0.0.1:{} (data in {})", BuildVersion.POSTGRES, port, pgData);
        try {
            List<String> cmd = new ArrayList<>(serverUser.commandPrefix());
            cmd.addAll(List.of(binDir.resolve("pg_ctl").toString(), "start", "-D", pgData.toString(), "-w", "-t", "120",
                    "-l", logDir.resolve("postgres.log").toString()));
            Commands.run(cmd, Duration.ofMinutes(3), dataRoot, serverEnvironment);
            // exactly what pg_ctl, and with it the server and its archive_command, inherited
            Map<String, String> environment = new java.util.HashMap<>(System.getenv());
            Commands.addEnvironment(environment, dataRoot, serverEnvironment);
            commandEnvironment = Map.copyOf(environment);
        } catch (EmbeddedPostgresException e) {
            throw new EmbeddedPostgresException(e.getMessage() + "\nServer log: " + logDir.resolve("postgres.log"), e);
        }
    }

    private void ensureDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new EmbeddedPostgresException("Invalid embedded database name: " + database);
        }
        try (var c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, database);
            if (!check.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) throw e; // created concurrently: fine
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Embedded PostgreSQL is up but database '" + database
                    + "' could not be prepared: " + e.getMessage(), e);
        }
    }

    private void pgCtl(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(serverUser.commandPrefix());
        cmd.add(binDir.resolve("pg_ctl").toString());
        cmd.addAll(List.of(args));
        Commands.run(cmd, timeout, dataRoot);
    }

    private static boolean isPostgres(ProcessHandle p) {
        String command = p.info().command().orElse("");
        if (command.isEmpty()) {
            try {
                command = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return command.contains("postgres");
    }

    private static String readPassword(Path root) throws IOException {
        return Files.readString(root.resolve("pg-superuser-password"), StandardCharsets.UTF_8).strip();
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
