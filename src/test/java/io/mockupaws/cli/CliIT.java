package io.mockupaws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI of the packaged jar. */
class CliIT {

    @Test
    void helpListsTheCommands() throws Exception {
        JarProcess.Result r = JarProcess.run(Map.of(), "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("serve", "migrate", "backup", "restore", "--version");
    }

    @Test
    void backupHelpListsItsCommands() throws Exception {
        JarProcess.Result r = JarProcess.run(Map.of(), "backup", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("full", "base", "wal-push", "wal-fetch", "verify", "list", "cleanup");
    }

    @Test
    void restoreRefusesContradictoryTargetsBeforeTouchingAnything() throws Exception {
        JarProcess.Result r = JarProcess.run(Map.of(), "restore", "latest", "--target-time", "2026-11-24T10:00:00Z");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("--target-time needs --target-dir");
    }

    @Test
    void walFetchOfASegmentTheArchiveDoesNotHaveExitsOneQuietly() throws Exception {
        Path dataDir = Path.of("target", "it-wal-fetch").toAbsolutePath();
        io.mockupaws.support.Files2.deleteTree(dataDir);
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString(),
                "MOCKUPAWS_BACKUP_ENCRYPTION_KEY", "q83vEjRWeJCrze8BI0VniZq83vEjRWeJCrze8BI0VnY=");

        JarProcess.Result r = JarProcess.run(env, "backup", "wal-fetch", "000000010000000000000007",
                dataDir.resolve("RECOVERYXLOG").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isBlank();
    }

    @Test
    void versionNamesTheProductAndItsVersion() throws Exception {
        JarProcess.Result r = JarProcess.run(Map.of(), "--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("mockupAWS 0.1.0");
    }

    @Test
    void migrateBringsAFreshDatabaseToTheLatestSchemaAndIsRepeatable() throws Exception {
        Path dataDir = Path.of("target", "it-migrate").toAbsolutePath();
        io.mockupaws.support.Files2.deleteTree(dataDir);
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString());

        JarProcess.Result first = JarProcess.run(env, "migrate");
        JarProcess.Result second = JarProcess.run(env, "migrate");

        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).containsPattern("Database schema is at version \\d+");
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(second.out()).isEqualTo(first.out().lines().filter(l -> l.startsWith("Database schema")).findFirst().orElseThrow() + "\n");
    }

    @Test
    void unknownCommandIsAClearErrorNotAServerStart() throws Exception {
        JarProcess.Result r = JarProcess.run(Map.of(), "frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("Unknown command or argument 'frobnicate'");
    }
}
