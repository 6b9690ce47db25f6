package io.mockupaws.cli;

import io.mockupaws.ops.backup.BackupEncryption;
import io.mockupaws.ops.backup.WalArchive;
import io.mockupaws.ops.backup.BackupLocation;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.ObjectStores;
import io.mockupaws.storage.S3Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * PostgreSQL's restore_command. A file the archive does not have exits 1 without a message: PostgreSQL asks for
 * files that do not exist as a matter of course (the next segment at the end of recovery, history files of
 * timelines that never were).
 */
@Command(name = "wal-fetch", mixinStandardHelpOptions = true,
        description = "Restores one archived WAL file (restore_command = '... backup wal-fetch --data-dir DIR %f %p'); "
                + "exit 1 when the archive does not have it.")
class WalFetchCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "the installation's data directory (key file, local store); default MOCKUPAWS_DATA_DIR or ./data")
    Path dataDir;

    @Option(names = "--store", paramLabel = "URI",
            description = "read from this store (file:/dir or s3://bucket/prefix) instead of the configured backup store")
    String store;

    @Parameters(index = "0", paramLabel = "NAME", description = "the WAL file name (%f)")
    String name;

    @Parameters(index = "1", paramLabel = "DEST", description = "where to write it (%p)")
    Path destination;

    @Override
    public Integer call() {
        QuietLogging.apply();
        Map<String, String> env = System.getenv();
        Path dir = dataDir(dataDir, env);
        BackupEncryption key = BackupEncryption.forWalCommands(env, dir);
        if (store != null) {
            try (BackupLocation location = BackupLocation.open(store, dir,
                    S3Settings.fromEnvironment(env, ObjectStores.S3_ENV_PREFIX),
                    S3Settings.fromEnvironment(env, ObjectStores.SECONDARY_ENV_PREFIX))) {
                return fetch(location.store(), key);
            }
        }
        try (ObjectStores stores = ObjectStores.fromEnvironment(env, dir)) {
            return fetch(stores.backup(), key);
        }
    }

    private int fetch(ObjectStore from, BackupEncryption key) {
        return new WalArchive(from, key).fetch(name, destination) ? 0 : 1;
    }

    static Path dataDir(Path option, Map<String, String> env) {
        if (option != null) return option.toAbsolutePath();
        String fromEnv = env.get("MOCKUPAWS_DATA_DIR");
        return Path.of(fromEnv == null || fromEnv.isBlank() ? "./data" : fromEnv).toAbsolutePath();
    }
}
