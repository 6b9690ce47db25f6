package io.mockupaws.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The command line of the one mockupAWS jar. Spring's own {@code --key=value} arguments pass through to the
 * application context untouched, so {@code java -jar mockupaws.jar --server.port=9090} works as with any Boot app.
 */
@Command(name = "mockupaws", mixinStandardHelpOptions = true, versionProvider = MockupAwsCli.Version.class,
        description = "Predicts what a log-driven AWS pipeline (SQS -> Lambda -> Bedrock) will cost, from real traffic.%n"
                + "Without a command, runs 'serve'.",
        subcommands = {ServeCommand.class, MigrateCommand.class, PricingCommand.class, UsersCommand.class,
                BackupCommand.class, RestoreCommand.class, ArchiveCommand.class, BenchmarkDbCommand.class})
public class MockupAwsCli implements Callable<Integer> {

    /** Exit code a command returns to keep the JVM alive (the HTTP server runs on its own threads). */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new MockupAwsCli());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(springArgs);
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties props = new Properties();
            try (InputStream in = MockupAwsCli.class.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
                if (in != null) props.load(in);
            }
            return new String[] {"mockupAWS " + props.getProperty("build.version", "dev")
                    + " (PostgreSQL 15, Java " + Runtime.version().feature() + ")"};
        }
    }
}
