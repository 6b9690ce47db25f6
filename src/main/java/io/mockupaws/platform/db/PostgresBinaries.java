package io.mockupaws.platform.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 15 server binaries that ship inside the jar (zonky's relocatable builds), unpacked once per
 * version into the data directory. Unpacking is guarded by a file lock so that two processes starting at once on
 * the same data directory never see a half-written tree, and is marked complete only at the very end.
 */
final class PostgresBinaries {

    private PostgresBinaries() {}

    static Path unpack(Path dataRoot) {
        String resource = resourceName();
        try (InputStream probe = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (probe == null) {
                throw new EmbeddedPostgresException("No embedded PostgreSQL build for this platform (" + resource
                        + "). Point MOCKUPAWS_DATABASE_URL at an external PostgreSQL 15 instead.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path target = dataRoot.resolve("pg-bin").resolve(BuildVersion.POSTGRES + "-" + resource.replace(".txz", ""));
        Path complete = target.resolve(".complete");
        if (Files.exists(complete)) return target;
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel lockChannel = FileChannel.open(target.getParent().resolve(".unpack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var ignored = lockChannel.lock()) {
                if (Files.exists(complete)) return target;
                deleteTree(target);
                Files.createDirectories(target);
                try (InputStream raw = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource);
                     TarArchiveInputStream tar = new TarArchiveInputStream(
                             new XZInputStream(new BufferedInputStream(raw, 1 << 16)))) {
                    TarArchiveEntry entry;
                    while ((entry = tar.getNextEntry()) != null) {
                        Path out = target.resolve(entry.getName()).normalize();
                        if (!out.startsWith(target)) throw new IOException("unsafe path in archive: " + entry.getName());
                        if (entry.isDirectory()) {
                            Files.createDirectories(out);
                        } else if (entry.isSymbolicLink()) {
                            Files.createDirectories(out.getParent());
                            Files.deleteIfExists(out);
                            Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                        } else {
                            Files.createDirectories(out.getParent());
                            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                            Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                        }
                    }
                }
                openForOtherUsers(target);
                Files.createFile(complete);
            }
            return target;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not unpack the embedded PostgreSQL binaries into " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /** The server may run as an unprivileged user (see {@link EmbeddedPostgres}); it must read and run these. */
    private static void openForOtherUsers(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) continue;
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                perms.add(PosixFilePermission.OTHERS_READ);
                perms.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(p) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) perms.add(PosixFilePermission.OWNER_EXECUTE);
        return perms;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String resourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("linux") ? "linux" : os;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        return "postgres-" + osPart + "-" + archPart + ".txz";
    }
}
