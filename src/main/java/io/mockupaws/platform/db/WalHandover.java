package io.mockupaws.platform.db;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * How the embedded server's {@code archive_command} hands a finished WAL file to the mockupAWS process that runs
 * the server, instead of starting a JVM for it.
 *
 * <p>Why: under steady ingest the server fills a 16 MiB segment every few seconds, and a {@code backup wal-push}
 * JVM per segment costs about a second of CPU (class loading, and SHA-256 and AES in the interpreter), on the same
 * cores that serve requests: that was the single-event ingest p99. The running process has all of it compiled, and
 * pushes a segment for a tenth of that.
 *
 * <p>The protocol, in the hand-over folder {@code <data dir>/}{@value #FOLDER} (the server's user may write there):
 * <ol>
 *   <li>the process that owns the server writes {@value #ALIVE} with its pid while it ships;</li>
 *   <li>the command (a short {@code sh} script, {@value #SCRIPT}, no JVM) checks that pid is alive, writes {@code %p} into
 *       {@code <name>.push}, and waits;</li>
 *   <li>the shipper claims the request by renaming it to {@code <name>.taken} — a rename, so exactly one of the
 *       shipper and a command that gives up on it wins — pushes the file, and answers {@code <name>.done} or
 *       {@code <name>.error} (the reason, which the command prints into the server log before exiting 1, so that
 *       PostgreSQL retries);</li>
 *   <li>the command exits 0 only on {@code .done}: as before, a segment counts as archived only once it is durably
 *       stored, so the recovery point, the archive-lag metric and base backups mean exactly what they did.</li>
 * </ol>
 * Whenever nobody ships — this process is starting or has stopped, the server outlived a killed JVM, a request is
 * not claimed within {@value #PICKUP_SECONDS} s — the command runs {@code backup wal-push} itself, as it always did
 * (or, where the server's user cannot run mockupAWS, fails, and PostgreSQL keeps the segment until a shipper runs).
 * A shipper that dies after claiming a request makes the command exit 1; PostgreSQL's retry then takes that path.
 */
public final class WalHandover {

    public static final String FOLDER = "wal-handover";
    public static final String ALIVE = "alive";
    public static final String REQUEST = ".push";
    public static final String TAKEN = ".taken";
    public static final String DONE = ".done";
    public static final String ERROR = ".error";
    /** The command's script, in the folder (the shipper only ever looks at request files). */
    public static final String SCRIPT = "archive-wal.sh";

    static final int PICKUP_SECONDS = 10;
    /** How long a claimed push may take before the command gives up (exit 1) and PostgreSQL tries again. */
    static final int PATIENCE_SECONDS = 600;
    private static final double POLL_SECONDS = 0.02;

    private WalHandover() {}

    /** Where both sides find the folder: {@code <data dir>/}{@value #FOLDER}, a link to memory where there is one. */
    public static Path folder(Path dataRoot) {
        return dataRoot.toAbsolutePath().normalize().resolve(FOLDER);
    }

    /**
     * Makes the folder, writable by the server's user. Where the machine has {@code /dev/shm}, the folder is a link
     * to a directory there: the requests and answers are a few tiny files created, renamed and deleted per segment,
     * and on the data directory's filesystem that churn alone (measured on ext4: the journal commits it forces, with
     * discards of the freed blocks) held up the server's WAL flushes for 20–40 ms at every segment — the very p99
     * this hand-over exists to remove. Nothing in it needs to survive a reboot.
     */
    static Path prepare(Path dataRoot, ServerUser user) {
        Path folder = folder(dataRoot);
        Path memory = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(memory) && Files.isWritable(memory)) {
                Path target = memory.resolve("mockupaws-" + FOLDER + "-" + shortHash(folder.toString()));
                if (makeOwnDirectory(target, user)) {
                    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) PostgresBinaries.deleteTree(folder);
                    Files.deleteIfExists(folder);
                    Files.createSymbolicLink(folder, target);
                    return folder;
                }
            }
            if (Files.isSymbolicLink(folder)) Files.delete(folder);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create " + folder + ": " + e.getMessage(), e);
        }
        user.handOverItself(folder);
        return folder;
    }

    /** False when the directory exists but belongs to someone else (a shared /dev/shm: never use another's). */
    private static boolean makeOwnDirectory(Path dir, ServerUser user) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return false;
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            user.handOverItself(dir);
            return true;
        }
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(user.name()) && !owner.equals(System.getProperty("user.name"))) return false;
        user.handOverItself(dir);
        return true;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * Writes the command's script into the hand-over folder and returns the archive_command that runs it (before
     * quoting for postgresql.conf). A script, not a one-liner: PostgreSQL 15 cuts archive_command at 1,023 bytes.
     *
     * @param fallback the shell command that archives the file named by one more argument on its own
     *                 ({@code ... backup wal-push --data-dir DIR}), empty when the server's user cannot run one: then
     *                 a segment nobody ships fails (PostgreSQL keeps it in pg_wal and retries) until mockupAWS runs
     */
    public static String install(Path folder, Optional<String> fallback) {
        Path script = folder.resolve(SCRIPT);
        try {
            Path temp = folder.resolve("." + SCRIPT + ".tmp");
            Files.writeString(temp, script(folder, fallback), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, script, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not write " + script + ": " + e.getMessage(), e);
        }
        return "sh " + quoted(script) + " \"%p\" \"%f\"";
    }

    private static String script(Path folder, Optional<String> fallback) {
        int pickup = (int) (PICKUP_SECONDS / POLL_SECONDS);
        int patience = (int) (PATIENCE_SECONDS / POLL_SECONDS);
        return """
                #!/bin/sh
                # mockupAWS's archive_command: sh %1$s %%p %%f (see io.mockupaws.platform.db.WalHandover).
                # Written at every start of the server; changes here do not last.
                d=%2$s; p="$1"; f="$2"; pid=
                rm -f "$d/$f%4$s" "$d/$f%5$s"
                alive() { { kill -0 "$pid" || [ -d "/proc/$pid" ]; } 2>/dev/null; }
                if { read pid < "$d/%3$s" || [ -n "$pid" ]; } 2>/dev/null && alive \\
                        && echo "$p" > "$d/.$f.tmp" && mv -f "$d/.$f.tmp" "$d/$f%6$s"; then
                    n=0
                    while :; do
                        if [ -e "$d/$f%4$s" ]; then rm -f "$d/$f%4$s"; exit 0; fi
                        if [ -e "$d/$f%5$s" ]; then cat "$d/$f%5$s" >&2; rm -f "$d/$f%5$s"; exit 1; fi
                        if [ -e "$d/$f%6$s" ]; then
                            # not claimed: take it back (a rename, so the shipper cannot claim it too) and archive here
                            if [ $n -ge %7$d ] && mv "$d/$f%6$s" "$d/.$f.abandoned" 2>/dev/null; then
                                rm -f "$d/.$f.abandoned"; break
                            fi
                        else
                            alive || { echo "mockupAWS (pid $pid) stopped while archiving $f" >&2; exit 1; }
                            if [ $n -ge %8$d ]; then echo "archiving $f took over %9$d s" >&2; exit 1; fi
                        fi
                        n=$((n+1)); sleep %10$s
                    done
                fi
                %11$s
                """.formatted(quoted(folder.resolve(SCRIPT)), quoted(folder), ALIVE, DONE, ERROR, REQUEST, pickup, patience,
                PATIENCE_SECONDS, POLL_SECONDS,
                fallback.map(command -> "exec " + command + " \"$p\"")
                        .orElse("echo \"mockupAWS is not running to archive $f; it stays in pg_wal until it does\" >&2; exit 1"));
    }

    private static String quoted(Path path) {
        return SelfInvocation.shellQuoted(path.toAbsolutePath().toString());
    }
}
