package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WalChainTest {

    static final long SEGMENT = 16L * 1024 * 1024;

    @Test
    void segmentFileNamesAreWhatPostgresCallsThem() {
        // pg_walfile_name('0/2000028') on timeline 1, and an LSN past the first 4 GB
        assertThat(WalPosition.segmentFile(1, WalPosition.parseLsn("0/2000028"), SEGMENT)).isEqualTo("000000010000000000000002");
        assertThat(WalPosition.segmentFile(3, WalPosition.parseLsn("1/FF000000"), SEGMENT)).isEqualTo("0000000300000001000000FF");
        assertThat(WalPosition.formatLsn(WalPosition.parseLsn("1/a0"))).isEqualTo("1/A0");
    }

    @Test
    void aContinuousArchiveAcrossALogBoundaryHasNoGaps() {
        WalChain chain = WalChain.of(List.of("0000000100000000000000FE", "0000000100000000000000FF",
                "000000010000000100000000", "000000010000000100000001", "00000002.history"), "0000000100000000000000FE", SEGMENT);

        assertThat(chain.complete()).isTrue();
        assertThat(chain.segments()).isEqualTo(4);
        assertThat(chain.last()).contains("0000000100000001");
    }

    @Test
    void aMissingSegmentIsAGapAndOlderSegmentsDoNotCount() {
        WalChain chain = WalChain.of(List.of("000000010000000000000001", "000000010000000000000005",
                "000000010000000000000007", "000000010000000000000006.partial"), "000000010000000000000005", SEGMENT);

        assertThat(chain.missing()).containsExactly("0000000000000006");
    }

    @Test
    void theChainContinuesOnANewerTimeline() {
        WalChain chain = WalChain.of(List.of("000000010000000000000005", "000000010000000000000006.partial",
                "000000020000000000000006", "000000020000000000000007"), "000000010000000000000005", SEGMENT);

        assertThat(chain.complete()).isTrue();
    }
}
