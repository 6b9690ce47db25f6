package io.mockupaws.platform.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * How to run this same mockupAWS build again from a shell command line, as PostgreSQL runs its
 * {@code archive_command} and {@code restore_command}: the running JVM's {@code java}, then {@code -jar <jar>} when
 * mockupAWS runs from its jar, or {@code -cp <class path> io.mockupaws.cli.Main} when it runs from classes (IDE,
 * {@code spring-boot:run}, a test runner).
 *
 * <p>The command starts a JVM once per WAL segment, so it asks for a fast start over peak speed: C1 only, the
 * default CDS archive, the serial collector.
 *
 * @param prefix the command up to and including the main class or jar, each element unquoted
 * @param classPath every file the command reads to start, for checking that the server's user can read them
 */
public record SelfInvocation(List<String> prefix, List<Path> classPath) {

    static final String MAIN_CLASS = "io.mockupaws.cli.Main";
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    public SelfInvocation {
        prefix = List.copyOf(prefix);
        classPath = List.copyOf(classPath);
    }

    /** This process, as it was started. */
    public static SelfInvocation ofThisProcess() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> prefix = new ArrayList<>();
        prefix.add(java);
        prefix.addAll(FAST_START);
        // "java -jar x.jar args" reports "x.jar args" as its command, and x.jar (as given, maybe relative) as class path.
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "" : command.strip().split(" ", 2)[0];
        if (first.endsWith(".jar") && Files.isRegularFile(Path.of(first)) && startsMockupAws(Path.of(first))) {
            Path jar = Path.of(first).toAbsolutePath().normalize();
            prefix.addAll(List.of("-jar", jar.toString()));
            return new SelfInvocation(prefix, List.of(jar));
        }
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize())
                .toList();
        prefix.addAll(List.of("-cp", String.join(File.pathSeparator, entries.stream().map(Path::toString).toList()),
                MAIN_CLASS));
        return new SelfInvocation(prefix, entries);
    }

    /** Whether the jar is mockupAWS's own (Spring Boot's launcher with our main class), not a test runner's. */
    private static boolean startsMockupAws(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) return false;
            Attributes main = manifest.getMainAttributes();
            return MAIN_CLASS.equals(main.getValue("Start-Class")) || MAIN_CLASS.equals(main.getValue("Main-Class"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The command with {@code args} appended, as one {@code sh} command line: every element single-quoted, except
     * PostgreSQL's placeholders ({@code %p}, {@code %f}, {@code %r}), which must stay visible to PostgreSQL (it
     * replaces them before the shell runs) and are double-quoted; what they become (WAL file names and paths under
     * the data directory) holds no quote or '$'.
     */
    public String shellCommand(String... args) {
        StringBuilder line = new StringBuilder();
        for (String part : prefix) append(line, part);
        for (String arg : args) append(line, arg);
        return line.toString();
    }

    private static void append(StringBuilder line, String part) {
        if (!line.isEmpty()) line.append(' ');
        if (part.matches("%[pfr]")) {
            line.append('"').append(part).append('"');
        } else {
            line.append(shellQuoted(part));
        }
    }

    /** {@code value} as one word for {@code sh}: in single quotes, its own single quotes closed, escaped and reopened. */
    public static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A setting value for postgresql.conf: the command in single quotes, its own single quotes doubled. */
    public static String confString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
