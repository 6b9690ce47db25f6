package io.mockupaws.cli;

import io.mockupaws.ops.backup.BackupEncryption;
import io.mockupaws.ops.backup.WalArchive;
import io.mockupaws.storage.ObjectStores;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * PostgreSQL's archive_command: exits 0 only once the segment is durably stored (in the secondary store too, when
 * one is configured). Starts no Spring context: it runs once per WAL segment.
 */
@Command(name = "wal-push", mixinStandardHelpOptions = true,
        description = "Archives one WAL file, encrypted (archive_command = '... backup wal-push --data-dir DIR %p'). "
                + "Pushing the same file again succeeds; a different file under an archived name fails.")
class WalPushCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "the installation's data directory (key file, local store); default MOCKUPAWS_DATA_DIR or ./data")
    Path dataDir;

    @Parameters(index = "0", paramLabel = "PATH", description = "the WAL file (%p)")
    Path walFile;

    @Override
    public Integer call() {
        QuietLogging.apply();
        Map<String, String> env = System.getenv();
        Path dir = WalFetchCommand.dataDir(dataDir, env);
        try (ObjectStores stores = ObjectStores.fromEnvironment(env, dir)) {
            new WalArchive(stores.backup(), BackupEncryption.forWalCommands(env, dir)).push(walFile);
            return 0;
        }
    }
}
