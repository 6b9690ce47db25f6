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
        assertThat(r.out()).contains("serve", "migrate", "pricing", "users", "backup", "restore", "--version");
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

    @Test
    void usersCreateBootstrapsAnAdminWithThePasswordFromStandardInput() throws Exception {
        Path dataDir = Path.of("target", "it-users").toAbsolutePath();
        io.mockupaws.support.Files2.deleteTree(dataDir);
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString());

        JarProcess.Result created = JarProcess.runWithInput(env, "an-admin-password-42\n",
                "users", "create", "--email", "Root@Example.com", "--role", "admin", "--name", "Ops");
        JarProcess.Result again = JarProcess.runWithInput(env, "another-password-43\n",
                "users", "create", "--email", "root@example.com");
        JarProcess.Result weak = JarProcess.runWithInput(env, "password\n", "users", "create", "--email", "weak@example.com");
        JarProcess.Result noPassword = JarProcess.run(env, "users", "create", "--email", "nopw@example.com");

        assertThat(created.exit()).as(created.out()).isZero();
        assertThat(created.out()).contains("Created admin Root@Example.com").doesNotContain("an-admin-password-42");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("already exists");
        assertThat(weak.exit()).isEqualTo(1);
        assertThat(weak.out()).contains("password: must be at least 10 characters");
        assertThat(noPassword.exit()).isEqualTo(1);
        assertThat(noPassword.out()).contains("no password on standard input");
    }

    @Test
    void aJwtSecretShorterThan32BytesRefusesToStartWithAClearMessage() throws Exception {
        Path dataDir = Path.of("target", "it-users").toAbsolutePath();
        JarProcess.Result r = JarProcess.run(Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString(), "PORT", "0",
                "MOCKUPAWS_JWT_SECRET", "too-short"), "serve");

        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("MOCKUPAWS_JWT_SECRET is 9 bytes long; it must be at least 32 bytes")
                .doesNotContain("too-short");
    }

    @Test
    void pricingImportPrintsWhatChangedIsIdempotentAndRefusesAnUnrelatedOfferWritingNothing() throws Exception {
        Path dataDir = Path.of("target", "it-pricing").toAbsolutePath();
        io.mockupaws.support.Files2.deleteTree(dataDir);
        Map<String, String> env = Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString());
        String lambda = offer("AWSLambda-20260601.json");
        String bedrock = offer("AmazonBedrock-20260601.json");

        JarProcess.Result first = JarProcess.run(env, "pricing", "import", lambda, bedrock);
        JarProcess.Result again = JarProcess.run(env, "pricing", "import", lambda, bedrock);
        JarProcess.Result unrelated = JarProcess.run(env, "pricing", "import", bedrock, offer("AmazonEC2-excerpt.json"));
        JarProcess.Result euOnly = JarProcess.run(env, "pricing", "import", "--region", "eu-west-1",
                offer("AWSQueueService-20260601.json"));

        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("AWSLambda 20260601000000, regions [eu-west-1, us-east-1]: 12 price groups, 6 added, 0 changed, 6 unchanged")
                .contains("+ lambda eu-west-1 compute GB-seconds (arm64) from 2026-06-01T00:00:00Z: [[0, 7500000000) 0.0000133334 USD / 1 GB-seconds")
                .contains("skipped 2 products: Bedrock model not in the price book: Mistral Large")
                .contains("10 price groups changed.");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("0 price groups changed.");
        assertThat(unrelated.exit()).isEqualTo(1);
        assertThat(unrelated.out()).contains("error: ").contains("offer 'AmazonEC2' is not priced by mockupAWS");
        assertThat(euOnly.exit()).as(euOnly.out()).isZero();
        assertThat(euOnly.out()).contains("regions [eu-west-1]").contains("2 added");
    }

    private static String offer(String name) {
        return Path.of("src/test/resources/offers", name).toAbsolutePath().toString();
    }
}
