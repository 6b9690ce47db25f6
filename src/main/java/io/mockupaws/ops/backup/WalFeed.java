package io.mockupaws.ops.backup;

import io.mockupaws.platform.db.SelfInvocation;
import io.mockupaws.platform.db.ServerUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds archived WAL to a recovering server from inside the restoring process, so that replay is not paced by one
 * JVM start per segment ({@code backup wal-fetch} costs about a second each, and a week of WAL at a segment a
 * minute is ten thousand segments).
 *
 * <p>The server's {@code restore_command} is a few lines of {@code sh}: it drops {@code <name>.want} into the feed
 * folder and waits for {@code <name>} (which it moves into place), {@code <name>.none} (the archive has no such
 * file: exit 1, which PostgreSQL expects at the end of the archive), or {@code <name>.error} (exit 127, which
 * PostgreSQL treats as a broken command: recovery stops, rather than ending early and quietly at a corrupted file).
 * This class answers the requests, and fetches the next segments while the server replays the current one.
 */
final class WalFeed implements AutoCloseable {

    private static final Pattern SEGMENT = Pattern.compile("([0-9A-F]{8})([0-9A-F]{8})([0-9A-F]{8})");
    private static final int AHEAD = 8;
    /** How long the command waits for an answer before giving up (exit 1): the feeding process died. */
    private static final int PATIENCE_SECONDS = 600;

    private final WalArchive archive;
    private final ServerUser serverUser;
    private final Path folder;
    private final long segmentsPerLog;
    private final ExecutorService fetchers =
            Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("wal-feed-", 0).factory());
    /** Every fetch by name, running or done: true when the file was there. Only the watcher thread changes it. */
    private final Map<String, CompletableFuture<Boolean>> fetches = new java.util.HashMap<>();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Thread watcher;
    private volatile boolean running = true;

    /**
     * @param folder the feed folder: on the cluster's filesystem (moving a fed file into pg_wal is a rename), writable
     *               by the server's user (its command writes requests there)
     */
    WalFeed(WalArchive archive, Path folder, long walSegmentBytes, ServerUser serverUser) {
        this.serverUser = serverUser;
        this.archive = archive;
        this.folder = folder;
        this.segmentsPerLog = 0x100000000L / walSegmentBytes;
        this.watcher = Thread.ofPlatform().daemon().name("wal-feed").start(this::watch);
    }

    /** The restore_command that asks a feed on {@code folder}. */
    static String restoreCommand(Path folder) {
        String d = SelfInvocation.shellQuoted(folder.toAbsolutePath().toString());
        return "d=" + d + "; f=\"%f\"; : > \"$d/$f.want\" || exit 127; n=0; "
                + "while [ ! -e \"$d/$f\" ] && [ ! -e \"$d/$f.none\" ] && [ ! -e \"$d/$f.error\" ]; do "
                + "n=$((n+1)); [ $n -gt " + PATIENCE_SECONDS * 100 + " ] && exit 1; sleep 0.01; done; "
                + "[ -e \"$d/$f.error\" ] && exit 127; [ -e \"$d/$f.none\" ] && { rm -f \"$d/$f.none\"; exit 1; }; "
                + "mv \"$d/$f\" \"%p\"";
    }

    /** The first fetch the server asked for that failed for another reason than the file being absent. */
    Optional<String> error() {
        return Optional.ofNullable(firstError.get());
    }

    private void watch() {
        while (running) {
            try (DirectoryStream<Path> requests = Files.newDirectoryStream(folder, "*.want")) {
                for (Path request : requests) {
                    String name = request.getFileName().toString();
                    name = name.substring(0, name.length() - ".want".length());
                    Files.deleteIfExists(request);
                    answer(name);
                    fetchAhead(name);
                }
                Thread.sleep(5);
            } catch (IOException e) {
                firstError.compareAndSet(null, "reading the WAL feed folder " + folder + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void answer(String name) {
        CompletableFuture<Boolean> fetch = fetches.get(name);
        if (fetch == null || (fetch.isDone() && !fetch.isCompletedExceptionally() && fetch.join()
                && !Files.exists(folder.resolve(name)))) {
            // Never fetched, or fetched and already taken (the server asks again after a timeline switch).
            fetch = start(name);
        } else if (fetch.isCompletedExceptionally()) {
            fetch = start(name); // fetched ahead and failed: try again now that it is needed, and report that
        }
        fetch.whenComplete((present, error) -> {
            try {
                if (error != null) {
                    String message = error.getCause() == null ? error.getMessage() : error.getCause().getMessage();
                    firstError.compareAndSet(null, message);
                    Files.writeString(folder.resolve(name + ".error"), String.valueOf(message), StandardCharsets.UTF_8);
                } else if (!present) {
                    Files.writeString(folder.resolve(name + ".none"), "");
                }
            } catch (IOException e) {
                // the command times out instead
            }
        });
    }

    private void fetchAhead(String name) {
        Matcher m = SEGMENT.matcher(name);
        if (!m.matches()) return;
        long index = Long.parseLong(m.group(2), 16) * segmentsPerLog + Long.parseLong(m.group(3), 16);
        for (int i = 1; i <= AHEAD; i++) {
            long next = index + i;
            String nextName = m.group(1) + String.format(Locale.ROOT, "%08X%08X", next / segmentsPerLog, next % segmentsPerLog);
            if (!fetches.containsKey(nextName)) start(nextName);
        }
    }

    private CompletableFuture<Boolean> start(String name) {
        // The server opens restored files for writing (to fsync them), so they must be its user's.
        CompletableFuture<Boolean> fetch = CompletableFuture.supplyAsync(
                () -> archive.fetch(name, folder.resolve(name), serverUser::handOverFile), fetchers);
        fetches.put(name, fetch);
        return fetch;
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
        fetchers.shutdownNow();
        try {
            watcher.join(TimeUnit.SECONDS.toMillis(30));
            fetchers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
