package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WalArchivingTest {

    @Test
    void archiveTimeoutReadsDurationsAndPlainNumbersAsSeconds() {
        assertThat(WalArchiving.archiveTimeoutSeconds("60s")).isEqualTo(60);
        assertThat(WalArchiving.archiveTimeoutSeconds("2m")).isEqualTo(120);
        assertThat(WalArchiving.archiveTimeoutSeconds(" 55 ")).as("as in postgresql.conf, not milliseconds").isEqualTo(55);
        assertThatThrownBy(() -> WalArchiving.archiveTimeoutSeconds("500ms")).hasMessageContaining("at least 1 second");
    }
}
