package io.mockupaws.ops.backup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own client tools ({@code pg_dump}, {@code pg_restore}, {@code pg_basebackup}), of the server's major
 * version: a dump from a newer {@code pg_dump} may not restore into the server, and an older one refuses to dump it.
 *
 * <p>Looked up in {@code MOCKUPAWS_PG_BIN} when set (and only there: an explicit choice is not second-guessed);
 * otherwise in Debian's {@code /usr/lib/postgresql/<major>/bin}, then on {@code PATH}. Each candidate is asked for
 * its {@code --version}; the first of the right major version wins. A missing tool is an error that names it and
 * says how to install it.
 */
final class PostgresTools {

    static final String PG_BIN_VARIABLE = "MOCKUPAWS_PG_BIN";
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");

    private final String pgBin;
    private final int serverMajor;
    private final String path;
    private final Map<String, Path> found = new LinkedHashMap<>();
    private final Map<Path, String> versions = new LinkedHashMap<>();

    /** Finds the tools once the server's major version is known. */
    @FunctionalInterface
    interface Factory {
        PostgresTools forServer(int serverMajor);

        static Factory of(String pgBin) {
            return major -> PostgresTools.forServer(pgBin, major);
        }
    }

    /**
     * @param pgBin {@code MOCKUPAWS_PG_BIN}, blank when unset
     * @param serverMajor the server's major version (15)
     * @param path the {@code PATH} to search
     */
    PostgresTools(String pgBin, int serverMajor, String path) {
        this.pgBin = pgBin == null ? "" : pgBin.strip();
        this.serverMajor = serverMajor;
        this.path = path == null ? "" : path;
    }

    static PostgresTools forServer(String pgBin, int serverMajor) {
        return new PostgresTools(pgBin, serverMajor, System.getenv("PATH"));
    }

    Path pgDump() {
        return require("pg_dump");
    }

    Path pgRestore() {
        return require("pg_restore");
    }

    Path pgBasebackup() {
        return require("pg_basebackup");
    }

    /** The tool's path, checked to be of the server's major version. */
    synchronized Path require(String tool) {
        Path known = found.get(tool);
        if (known != null) return known;
        List<String> rejected = new ArrayList<>();
        for (Path dir : searchPath()) {
            Path candidate = dir.resolve(tool);
            if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) continue;
            String version = versionOf(candidate);
            Matcher m = VERSION.matcher(version);
            if (m.find() && Integer.parseInt(m.group(1)) == serverMajor) {
                found.put(tool, candidate);
                versions.put(candidate, version.strip());
                return candidate;
            }
            rejected.add(candidate + " (" + (version.isBlank() ? "no version" : version.strip()) + ")");
        }
        throw missing(tool, rejected);
    }

    /** What the tool said to {@code --version}, e.g. {@code pg_dump (PostgreSQL) 15.14}. */
    synchronized String version(Path tool) {
        return versions.getOrDefault(tool, "");
    }

    private List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        if (!pgBin.isEmpty()) {
            dirs.add(Path.of(pgBin));
            return dirs;
        }
        dirs.add(Path.of("/usr/lib/postgresql/" + serverMajor + "/bin"));
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) dirs.add(Path.of(dir));
        }
        return dirs;
    }

    private BackupException missing(String tool, List<String> rejected) {
        String where = pgBin.isEmpty()
                ? "/usr/lib/postgresql/" + serverMajor + "/bin and PATH"
                : PG_BIN_VARIABLE + "=" + pgBin;
        StringBuilder message = new StringBuilder(tool + " of PostgreSQL " + serverMajor + " (the server's version) was not found in "
                + where + ".");
        if (!rejected.isEmpty()) message.append(" Found only other versions: ").append(String.join(", ", rejected)).append('.');
        message.append(" Install the PostgreSQL ").append(serverMajor).append(" client tools (Debian/Ubuntu: apt-get install postgresql-client-")
                .append(serverMajor).append("; elsewhere: https://www.postgresql.org/download/) or set ").append(PG_BIN_VARIABLE)
                .append(" to the directory that holds them.");
        return new BackupException(message.toString());
    }

    private static String versionOf(Path tool) {
        try {
            Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
