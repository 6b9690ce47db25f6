package io.mockupaws.platform.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS account the embedded PostgreSQL server runs as, and with it every command the server runs itself
 * ({@code archive_command}, {@code restore_command}).
 *
 * <p>PostgreSQL will not run as root. When mockupAWS runs as root, the server runs as an unprivileged user
 * ({@code nobody} unless {@code MOCKUPAWS_EMBEDDED_PG_USER} names another) through {@code setpriv}, and whatever
 * the server must write (its data directory, the WAL archive's folder) is handed to that user. Otherwise the server
 * runs as whoever runs mockupAWS, and nothing changes hands.
 */
public final class ServerUser {

    private static final Logger log = LoggerFactory.getLogger(ServerUser.class);
    private static volatile ServerUser current;

    private final List<String> prefix;
    private final String name;
    private final String group;

    private ServerUser(List<String> prefix, String name, String group) {
        this.prefix = prefix;
        this.name = name;
        this.group = group;
    }

    /** The account for servers started by this process; looked up once. */
    public static ServerUser current() {
        ServerUser user = current;
        if (user == null) {
            synchronized (ServerUser.class) {
                if (current == null) current = lookUp();
                user = current;
            }
        }
        return user;
    }

    /** What to put in front of a server command so that it runs as this user; empty when no switch is needed. */
    public List<String> commandPrefix() {
        return prefix;
    }

    /** Whether server commands run as another user than this process. */
    public boolean switchesUser() {
        return !prefix.isEmpty();
    }

    public String name() {
        return name;
    }

    /** Makes {@code path} (and, if a directory, everything in it) the server user's; nothing when no switch is needed. */
    public void handOver(Path path) {
        if (!switchesUser()) return;
        String uid = prefix.get(1).substring("--reuid=".length());
        String gid = prefix.get(2).substring("--regid=".length());
        Commands.run(List.of("chown", "-R", uid + ":" + gid, path.toString()), Duration.ofMinutes(2),
                path.toAbsolutePath().getParent());
    }

    /**
     * Makes one file the server user's, in this process (no {@code chown} process per file): for files handed over
     * one by one while the server runs, such as WAL fed to a recovering server, which opens them for writing.
     */
    public void handOverFile(Path file) {
        if (!switchesUser()) return;
        try {
            UserPrincipalLookupService users = file.getFileSystem().getUserPrincipalLookupService();
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName(name));
            view.setGroup(users.lookupPrincipalByGroupName(group));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not give " + file + " to user " + name + ": " + e.getMessage(), e);
        }
    }

    /** Makes only {@code path} itself the server user's, not its contents (a folder that already holds many files). */
    public void handOverItself(Path path) {
        if (!switchesUser()) return;
        String uid = prefix.get(1).substring("--reuid=".length());
        String gid = prefix.get(2).substring("--regid=".length());
        Commands.run(List.of("chown", uid + ":" + gid, path.toString()), Duration.ofSeconds(30),
                path.toAbsolutePath().getParent());
    }

    /**
     * The first of {@code paths} this user cannot read, if any. A file under a {@code 0700} home directory (such as
     * {@code /root/.m2}) is readable by root but not by the server user, and a server command that cannot read its
     * jar fails on every call.
     */
    public Optional<Path> firstUnreadable(List<Path> paths) {
        if (!switchesUser() || paths.isEmpty()) return Optional.empty();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("sh", "-c", "for f; do test -r \"$f\" || { printf '%s' \"$f\"; exit 0; }; done", "sh"));
        paths.forEach(p -> cmd.add(p.toString()));
        String out = Commands.run(cmd, Duration.ofSeconds(30), Path.of("/"));
        return out.isBlank() ? Optional.empty() : Optional.of(Path.of(out));
    }

    private static ServerUser lookUp() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!Integer.valueOf(0).equals(uid)) return new ServerUser(List.of(), System.getProperty("user.name"), null);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No /proc (macOS): not root in any setup we support, and PostgreSQL itself would refuse root anyway.
            return new ServerUser(List.of(), System.getProperty("user.name"), null);
        }
        String user = Optional.ofNullable(System.getenv("MOCKUPAWS_EMBEDDED_PG_USER")).filter(s -> !s.isBlank()).orElse("nobody");
        Path here = Path.of("/");
        String u;
        String g;
        String groupName;
        try {
            u = Commands.run(List.of("id", "-u", user), Duration.ofSeconds(10), here).strip();
            g = Commands.run(List.of("id", "-g", user), Duration.ofSeconds(10), here).strip();
            groupName = Commands.run(List.of("id", "-gn", user), Duration.ofSeconds(10), here).strip();
        } catch (EmbeddedPostgresException e) {
            throw new EmbeddedPostgresException("Cannot run the embedded PostgreSQL as '" + user + "' (" + e.getMessage()
                    + "); set MOCKUPAWS_EMBEDDED_PG_USER to an existing unprivileged user", e);
        }
        if (!u.matches("\\d+") || !g.matches("\\d+") || u.equals("0")) {
            throw new EmbeddedPostgresException("Cannot run the embedded PostgreSQL as '" + user + "'; set MOCKUPAWS_EMBEDDED_PG_USER "
                    + "to an existing unprivileged user");
        }
        log.info("Running as root: the embedded PostgreSQL server runs as user {} (uid {})", user, u);
        return new ServerUser(List.of("setpriv", "--reuid=" + u, "--regid=" + g, "--clear-groups", "--"), user, groupName);
    }
}
