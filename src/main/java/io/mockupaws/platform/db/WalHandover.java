package io.mockupaws.platform.db;

import java.nio.file.Path;

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
 *   <li>the command (a few lines of {@code sh}, no JVM) checks that pid is alive, writes {@code %p} into
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

    static final int PICKUP_SECONDS = 10;
    /** How long a claimed push may take before the command gives up (exit 1) and PostgreSQL tries again. */
    static final int PATIENCE_SECONDS = 600;
    private static final double POLL_SECONDS = 0.02;

    private WalHandover() {}

    public static Path folder(Path dataRoot) {
        return dataRoot.toAbsolutePath().normalize().resolve(FOLDER);
    }

    /**
     * The archive_command (before quoting for postgresql.conf).
     *
     * @param fallback the shell command that archives {@code %p} on its own ({@code ... backup wal-push ... "%p"}),
     *                 empty when the server's user cannot run one: then a segment nobody ships fails (PostgreSQL
     *                 keeps it in pg_wal and retries) until mockupAWS runs again
     */
    public static String archiveCommand(Path folder, java.util.Optional<String> fallback) {
        String d = "'" + folder.toAbsolutePath().toString().replace("'", "'\\''") + "'";
        int pickup = (int) (PICKUP_SECONDS / POLL_SECONDS);
        int patience = (int) (PATIENCE_SECONDS / POLL_SECONDS);
        String shipperAlive = "{ kill -0 \"$pid\" || [ -d \"/proc/$pid\" ]; } 2>/dev/null";
        // %p and %f are replaced by PostgreSQL: a relative path under pg_wal and a file name, no quotes or '$'.
        return "d=" + d + "; f=\"%f\"; rm -f \"$d/$f" + DONE + "\" \"$d/$f" + ERROR + "\"; "
                + "pid=; if { read pid < \"$d/" + ALIVE + "\" || [ -n \"$pid\" ]; } 2>/dev/null && " + shipperAlive + " && "
                + "echo \"%p\" > \"$d/.$f.tmp\" && mv -f \"$d/.$f.tmp\" \"$d/$f" + REQUEST + "\"; then n=0; while :; do "
                + "[ -e \"$d/$f" + DONE + "\" ] && { rm -f \"$d/$f" + DONE + "\"; exit 0; }; "
                + "[ -e \"$d/$f" + ERROR + "\" ] && { cat \"$d/$f" + ERROR + "\" >&2; rm -f \"$d/$f" + ERROR + "\"; exit 1; }; "
                + "if [ -e \"$d/$f" + REQUEST + "\" ]; then "
                + "[ $n -ge " + pickup + " ] && mv \"$d/$f" + REQUEST + "\" \"$d/.$f.abandoned\" 2>/dev/null "
                + "&& { rm -f \"$d/.$f.abandoned\"; break; }; "
                + "else " + shipperAlive + " || { echo \"mockupAWS (pid $pid) stopped while archiving $f\" >&2; exit 1; }; "
                + "[ $n -ge " + patience + " ] && { echo \"archiving $f took over " + PATIENCE_SECONDS + " s\" >&2; exit 1; }; "
                + "fi; n=$((n+1)); sleep " + POLL_SECONDS + "; done; fi; "
                + fallback.map(command -> "exec " + command).orElse("echo \"mockupAWS is not running to archive $f; "
                        + "it stays in pg_wal until it does\" >&2; exit 1");
    }
}
