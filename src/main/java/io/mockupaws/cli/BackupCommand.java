package io.mockupaws.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Encrypted backups into the backup store (MOCKUPAWS_S3_* or <data dir>/objects, copied to "
                + "MOCKUPAWS_BACKUP_SECONDARY_* when set).",
        subcommands = {WalPushCommand.class, WalFetchCommand.class})
class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }
}
