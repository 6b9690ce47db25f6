package io.mockupaws.ops.backup;

import io.mockupaws.platform.db.EmbeddedPostgres;
import io.mockupaws.platform.db.WalHandover;
import io.mockupaws.storage.ObjectStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the embedded server's WAL from inside the process that runs it: answers the requests its archive_command
 * hands over (the protocol is {@link WalHandover}'s) by pushing the file through {@link WalArchive}, with the same
 * store and key the {@code backup wal-push} command would use.
 *
 * <p>One shipper per server and process, for as long as the process lives — not per application context: the
 * server is stopped by a shutdown hook, and its archiver's last round (the segments finished by the shutdown
 * checkpoint) is still shipped here while the hooks run; whatever comes later goes through the command.
 */
public final class WalShipper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WalShipper.class);
    private static final Map<Path, WalShipper> RUNNING = new ConcurrentHashMap<>();

    private final Path folder;
    private final Path walDirectory;
    private final WalArchive archive;
    private final AutoCloseable resources;
    private final EmbeddedPostgres server;
    private final Thread thread;
    private final AtomicLong shipped = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param walDirectory the cluster's {@code pg_wal}: the only place a request may point to
     * @param resources    closed with the shipper (the stores the archive writes to)
     * @param server       whose WAL this is: a restarted server gets a new shipper (null in tests without one)
     */
    WalShipper(Path folder, Path walDirectory, WalArchive archive, AutoCloseable resources, EmbeddedPostgres server) {
        this.folder = folder;
        this.walDirectory = walDirectory.toAbsolutePath().normalize();
        this.archive = archive;
        this.resources = resources;
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("wal-shipper").unstarted(this::run);
    }

    /**
     * Ships for {@code server} from now on, unless this process already does. Without a working store or key, it
     * leaves shipping to the command, which then fails as loudly as it always did.
     */
    public static void startFor(EmbeddedPostgres server) {
        Path folder = WalHandover.folder(server.dataRoot());
        if (!Files.isDirectory(folder)) return; // archiving is off, or the server was configured before hand-over existed
        RUNNING.compute(server.dataRoot(), (root, current) -> {
            if (current != null && current.server == server && current.thread.isAlive()) return current;
            if (current != null) current.stop();
            ObjectStores stores = null;
            try {
                Map<String, String> env = server.commandEnvironment();
                stores = ObjectStores.fromEnvironment(env, root);
                WalArchive archive = new WalArchive(stores.backup(), BackupEncryption.forWalCommands(env, root), 0);
                WalShipper shipper = new WalShipper(folder, server.dataDirectory().resolve("pg_wal"), archive, stores, server);
                shipper.start();
                return shipper;
            } catch (RuntimeException e) {
                if (stores != null) stores.close();
                log.warn("WAL is archived by one wal-push process per segment: shipping it from this process failed to "
                        + "start: {}", e.getMessage());
                return null;
            }
        });
    }

    /** The shipper of this process for the data directory, if it runs. */
    static Optional<WalShipper> of(Path dataRoot) {
        return Optional.ofNullable(RUNNING.get(dataRoot.toAbsolutePath().normalize()));
    }

    /** WAL files this shipper has archived. */
    long shipped() {
        return shipped.get();
    }

    void start() {
        thread.start();
    }

    private void run() {
        yieldToRequests();
        try (WatchService watch = folder.getFileSystem().newWatchService()) {
            folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            clearLeftovers();
            announce();
            while (running) {
                shipRequests();
                // A request is a rename into the folder: the watch wakes us at once; the timeout is a safety net.
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.warn("Shipping WAL from this process stopped ({}); the archive_command pushes it itself", e.toString());
        } finally {
            withdraw();
        }
    }

    /**
     * Runs this thread at the lowest CPU priority (nice 19, for this thread only; Linux). A push is a burst of a
     * fifth of a second of CPU every few seconds under heavy ingest; at normal priority it takes a core from the
     * requests at once and shows as their p99, while at the lowest it mostly fills idle time and is done within a
     * second or two — nothing next to archive_timeout. Where this cannot be done, pushes run at normal priority.
     */
    private static void yieldToRequests() {
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self")); // <pid>/task/<tid>
            Process renice = new ProcessBuilder("renice", "-n", "19", "-p", self.getFileName().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) renice.destroyForcibly();
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("WAL pushes run at normal priority: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims left by an earlier process: their commands saw it die and exited, and PostgreSQL asks again. */
    private void clearLeftovers() throws IOException {
        for (Path stale : list("*" + WalHandover.TAKEN)) Files.deleteIfExists(stale);
    }

    private void announce() throws IOException {
        Path temp = folder.resolve(".alive.tmp");
        Files.writeString(temp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, folder.resolve(WalHandover.ALIVE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void withdraw() {
        try {
            Files.deleteIfExists(folder.resolve(WalHandover.ALIVE));
        } catch (IOException e) {
            // a pid that no longer runs: the command sees that and archives by itself
        }
    }

    private void shipRequests() throws IOException {
        List<Path> requests = list("*" + WalHandover.REQUEST);
        requests.sort(null);
        for (Path request : requests) {
            if (!running) return;
            ship(request);
        }
    }

    private void ship(Path request) throws IOException {
        String requestName = request.getFileName().toString();
        String name = requestName.substring(0, requestName.length() - WalHandover.REQUEST.length());
        Path taken = folder.resolve(name + WalHandover.TAKEN);
        try {
            // The claim: a rename, so a command that gave up on this request (and archives by itself) and we never
            // both act on it.
            Files.move(request, taken, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            Path wal = walFile(name, Files.readString(taken, StandardCharsets.UTF_8).strip());
            long started = System.nanoTime();
            WalArchive.Pushed pushed = archive.push(wal);
            shipped.incrementAndGet();
            answer(name, WalHandover.DONE, "");
            log.debug("Archived {} ({}) in {} ms", name, pushed, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Archiving WAL file {} failed (PostgreSQL will retry): {}", name, e.getMessage());
            answer(name, WalHandover.ERROR, "mockupAWS could not archive " + name + ": " + e.getMessage() + "\n");
        } finally {
            Files.deleteIfExists(taken);
        }
    }

    /** The request names {@code %p}, relative to the cluster; it must be the named file in pg_wal, nothing else. */
    private Path walFile(String name, String requested) {
        Path cluster = walDirectory.getParent();
        Path file = cluster.resolve(requested).normalize();
        if (!WalPosition.isWalFileName(name) || !file.equals(walDirectory.resolve(name))) {
            throw new BackupException("the request for " + name + " names " + requested + ", not a WAL file in " + walDirectory);
        }
        return file;
    }

    private void answer(String name, String suffix, String message) throws IOException {
        Path temp = folder.resolve("." + name + suffix + ".tmp");
        Files.writeString(temp, message, StandardCharsets.UTF_8);
        Files.move(temp, folder.resolve(name + suffix), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private List<Path> list(String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, glob)) {
            stream.forEach(files::add);
        }
        return files;
    }

    /** Stops after the push under way (commands waiting on later requests then archive by themselves). */
    @Override
    public void close() {
        stop();
        RUNNING.remove(folder.getParent(), this);
    }

    private void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        withdraw();
        try {
            resources.close();
        } catch (Exception e) {
            log.debug("Closing the WAL shipper's stores: {}", e.getMessage());
        }
    }
}
