package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalHandoverTest {

    @TempDir
    Path dataDir;

    @Test
    void theFolderIsInMemoryWhereTheMachineHasDevShmAndSurvivesAnotherStart() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm")));

        Path folder = WalHandover.prepare(dataDir, ServerUser.current());
        Files.writeString(folder.resolve("probe"), "x");
        Path again = WalHandover.prepare(dataDir, ServerUser.current());

        assertThat(again).isEqualTo(WalHandover.folder(dataDir));
        assertThat(Files.isSymbolicLink(folder)).isTrue();
        Path target = Files.readSymbolicLink(folder);
        assertThat(target.startsWith(Path.of("/dev/shm"))).isTrue();
        assertThat(folder.resolve("probe")).as("the same directory again").hasContent("x");
        Files.delete(folder.resolve("probe"));
        Files.delete(target);
    }

    @Test
    void aDirectoryInDevShmThatBelongsToSomeoneElseIsNeverUsed() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")) && "root".equals(System.getProperty("user.name")));
        Path folder = WalHandover.folder(dataDir);
        // what prepare would link to, taken first by another account
        Path squatted = WalHandover.prepare(dataDir, ServerUser.current());
        Path target = Files.readSymbolicLink(squatted);
        UserPrincipal stranger = dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("daemon");
        Files.setOwner(target, stranger);
        try {
            Path prepared = WalHandover.prepare(dataDir, ServerUser.current());

            assertThat(prepared).isEqualTo(folder);
            assertThat(Files.isDirectory(prepared, LinkOption.NOFOLLOW_LINKS)).as("a plain folder in the data directory").isTrue();
        } finally {
            Files.delete(target);
        }
    }

    @Test
    void theArchiveCommandStaysShortWhateverTheScriptSays() {
        Path folder = dataDir.resolve("handover");
        String command = WalHandover.install(createdFolder(folder), java.util.Optional.of("'/usr/bin/java' '-jar' '/opt/x.jar' 'backup' 'wal-push'"));
        // PostgreSQL 15 cuts archive_command at 1,023 bytes, after replacing %p with a path under the data directory
        assertThat(command.length()).isLessThan(300);
        assertThat(folder.resolve(WalHandover.SCRIPT)).exists();
    }

    private static Path createdFolder(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
