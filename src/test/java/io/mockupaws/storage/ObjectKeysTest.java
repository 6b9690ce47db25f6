package io.mockupaws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    @Test
    void ordinaryKeysAreValid() {
        for (String key : List.of("a", "wal/000000010000000000000001", "wal/00000002.history",
                "backups/2026-11-24T17:00:00Z/base.tar.zst.enc", "reports/caf\u00e9/r\u00e9sum\u00e9.pdf",
                "with space/and+plus=equals", "x".repeat(ObjectKeys.MAX_SEGMENT_BYTES))) {
            assertThat(ObjectKeys.isValidKey(key)).as(key).isTrue();
        }
    }

    @Test
    void rejectionsSayWhichRuleWasBroken() {
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("a/../b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("/a")).hasMessageContaining("relative");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("a//b")).hasMessageContaining("empty segments");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("a\\b")).hasMessageContaining("'\\'");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("a\u0001b"))
                .hasMessageContaining("control characters")
                .hasMessageContaining("\\u0001");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("a/.b")).hasMessageContaining("must not start with '.'");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey("bad\uD800")).hasMessageContaining("Unicode");
        assertThatThrownBy(() -> ObjectKeys.requireValidKey(null)).hasMessageContaining("null");
    }

    @Test
    void prefixesMayEndInASlashOrCutASegmentShort() {
        for (String prefix : List.of("", "wal", "wal/", "wal/0000", "backups/2026/")) {
            assertThat(ObjectKeys.requireValidPrefix(prefix)).isEqualTo(prefix);
        }
        for (String prefix : List.of("/", "wal//", "../", "a/..", ".")) {
            assertThatThrownBy(() -> ObjectKeys.requireValidPrefix(prefix)).as(prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void orderIsUtf8ByteOrderAsInS3() {
        // UTF-16 (String.compareTo) puts U+FFFD after the surrogate pair of U+1F600; UTF-8 puts it before.
        List<String> keys = new ArrayList<>(List.of("b", "a/b", "\uD83D\uDE00", "\uFFFD", "a", "a-b", "A"));

        keys.sort(ObjectKeys.ORDER);

        assertThat(keys).containsExactly("A", "a", "a-b", "a/b", "b", "\uFFFD", "\uD83D\uDE00");
    }

    @Test
    void metadataMustSurviveAnS3RoundTrip() {
        assertThat(ObjectKeys.requireValidMetadata(Map.of("backup-id", "2026-11-24", "cipher", "aes-256-gcm v1")))
                .hasSize(2);
        assertThatThrownBy(() -> ObjectKeys.requireValidMetadata(Map.of("Capital", "x")))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ObjectKeys.requireValidMetadata(Map.of("sha256", "x"))).hasMessageContaining("reserved");
        assertThatThrownBy(() -> ObjectKeys.requireValidMetadata(Map.of("k", "trailing "))).hasMessageContaining("printable");
        assertThatThrownBy(() -> ObjectKeys.requireValidMetadata(Map.of("k", "x".repeat(ObjectKeys.MAX_METADATA_BYTES))))
                .hasMessageContaining("bytes");
        assertThatThrownBy(() -> ObjectKeys.requireValidMetadata(Map.of("k", ""))).hasMessageContaining("non-empty");
    }
}
