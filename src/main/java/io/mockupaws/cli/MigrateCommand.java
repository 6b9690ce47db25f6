package io.mockupaws.cli;

import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Applies the database migrations (Flyway) and exits. 'serve' also migrates at start-up.")
class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (var ctx = CliContext.start()) {
            // Flyway has migrated while the context started; report where the schema stands.
            MigrationInfo current = ctx.getBean(Flyway.class).info().current();
            int applied = ctx.getBean(Flyway.class).info().applied().length;
            spec.commandLine().getOut().printf("Database schema is at version %s (%d migrations applied).%n",
                    current == null ? "none" : current.getVersion(), applied);
            return 0;
        }
    }
}
