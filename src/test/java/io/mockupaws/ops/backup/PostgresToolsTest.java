package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresToolsTest {

    @TempDir
    Path temp;

    @Test
    void aMissingToolIsNamedWithWhereItWasLookedForAndHowToInstallIt() {
        PostgresTools tools = new PostgresTools("", 99, temp.toString());

        assertThatThrownBy(tools::pgBasebackup)
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("pg_basebackup of PostgreSQL 99 (the server's version) was not found in "
                        + "/usr/lib/postgresql/99/bin and PATH")
                .hasMessageContaining("apt-get install postgresql-client-99")
                .hasMessageContaining("MOCKUPAWS_PG_BIN");
    }

    @Test
    void aToolOfAnotherMajorVersionIsNotUsedAndTheMessageSaysWhatWasFound() throws IOException {
        fakeTool(temp, "pg_dump", "pg_dump (PostgreSQL) 16.4");

        assertThatThrownBy(() -> new PostgresTools(temp.toString(), 15, "").pgDump())
                .hasMessageContaining("MOCKUPAWS_PG_BIN=" + temp)
                .hasMessageContaining("Found only other versions: " + temp.resolve("pg_dump") + " (pg_dump (PostgreSQL) 16.4)");
    }

    @Test
    void anExplicitBinDirectoryIsTheOnlyPlaceLookedIn() throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        fakeTool(bin, "pg_restore", "pg_restore (PostgreSQL) 15.3 (Custom build)");

        PostgresTools tools = new PostgresTools(bin.toString(), 15, "/usr/lib/postgresql/15/bin");

        assertThat(tools.pgRestore()).isEqualTo(bin.resolve("pg_restore"));
        assertThat(tools.version(bin.resolve("pg_restore"))).isEqualTo("pg_restore (PostgreSQL) 15.3 (Custom build)");
        assertThatThrownBy(tools::pgDump).hasMessageContaining("was not found in MOCKUPAWS_PG_BIN=" + bin);
    }

    @Test
    void findsTheInstalledPostgres15ClientTools() {
        PostgresTools tools = PostgresTools.forServer("", 15);

        for (Path tool : new Path[] {tools.pgDump(), tools.pgRestore(), tools.pgBasebackup()}) {
            assertThat(tools.version(tool)).contains("(PostgreSQL) 15.");
        }
    }

    static void fakeTool(Path dir, String name, String version) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho '" + version + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
