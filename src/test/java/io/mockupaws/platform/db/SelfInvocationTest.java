package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfInvocationTest {

    @Test
    void quotesEveryWordForTheShellButLeavesPostgresPlaceholdersVisible() {
        SelfInvocation self = new SelfInvocation(List.of("/opt/java 21/bin/java", "-jar", "/srv/it's/mockupaws.jar"),
                List.of(Path.of("/srv/it's/mockupaws.jar")));

        assertThat(self.shellCommand("backup", "wal-push", "--data-dir", "/data", "%p"))
                .isEqualTo("'/opt/java 21/bin/java' '-jar' '/srv/it'\\''s/mockupaws.jar' 'backup' 'wal-push' '--data-dir' '/data' \"%p\"");
    }

    @Test
    void aConfigurationStringDoublesItsSingleQuotes() {
        assertThat(SelfInvocation.confString("'a' \"%p\"")).isEqualTo("'''a'' \"%p\"'");
    }

    @Test
    void thisProcessRunsItsOwnMainClassWithAFastStartingJvm() {
        SelfInvocation self = SelfInvocation.ofThisProcess();

        assertThat(self.prefix().getFirst()).endsWith("java");
        assertThat(self.prefix()).contains("-XX:TieredStopAtLevel=1");
        // Tests run from classes, not from the jar.
        assertThat(self.prefix().getLast()).isEqualTo("io.mockupaws.cli.Main");
        assertThat(self.classPath()).isNotEmpty().allMatch(Path::isAbsolute);
    }
}
