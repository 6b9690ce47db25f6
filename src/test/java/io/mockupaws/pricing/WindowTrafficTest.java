package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.JAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowTrafficTest {

    private static long[] send(long... v) {
        return v;
    }

    @Test
    void negativeValuesAreRejected() {
        assertThatThrownBy(() -> new WindowTraffic(JAN, -1, 0, 0, new long[10], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("events must be >= 0, was -1");
        assertThatThrownBy(() -> new WindowTraffic(JAN, 1, -5, 1, send(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> new WindowTraffic(JAN, 1, 5, 1, send(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), -3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputTokens");
        assertThatThrownBy(() -> new WindowTraffic(JAN, 1, 5, 1, send(1, -1, 1, 1, 1, 1, 1, 1, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendRequestsByBatchSize[1]");
    }

    @Test
    void arrayMustHaveTenEntriesAndStartWithTheBlocks() {
        assertThatThrownBy(() -> new WindowTraffic(JAN, 1, 5, 1, send(1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 entries");
        assertThatThrownBy(() -> new WindowTraffic(JAN, 2, 5, 2, send(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must equal sqsBlocks");
    }

    @Test
    void sendRequestsMustBeConsistentWithBlocks() {
        // 4 events cannot be sent in groups of 2 with fewer than 2 requests, nor with more than the 4 blocks
        assertThatThrownBy(() -> new WindowTraffic(JAN, 4, 400, 4, send(4, 1, 2, 1, 1, 1, 1, 1, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size 2");
        assertThatThrownBy(() -> new WindowTraffic(JAN, 4, 400, 4, send(4, 5, 2, 1, 1, 1, 1, 1, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size 2");
    }

    @Test
    void isImmutable() {
        long[] array = send(3, 2, 1, 1, 1, 1, 1, 1, 1, 1);
        WindowTraffic w = new WindowTraffic(JAN, 3, 300, 3, array, 0);
        array[1] = 3;
        w.sendRequestsByBatchSize()[1] = 3;
        assertThat(w.sendRequests(2)).isEqualTo(2);
        assertThat(w).isEqualTo(new WindowTraffic(JAN, 3, 300, 3, send(3, 2, 1, 1, 1, 1, 1, 1, 1, 1), 0));
    }

    @Test
    void accumulatorSatisfiesTheInvariantsForAnyTraffic() {
        java.util.Random random = new java.util.Random(42);
        TrafficAccumulator acc = new TrafficAccumulator(JAN);
        long bytes = 0, tokens = 0;
        for (int i = 0; i < 1000; i++) {
            long size = random.nextInt(300_000);
            long t = random.nextInt(500);
            acc.add(size, t);
            bytes += size;
            tokens += t;
        }
        WindowTraffic w = acc.toWindow(); // validated by the constructor
        assertThat(w.events()).isEqualTo(1000);
        assertThat(w.bytes()).isEqualTo(bytes);
        assertThat(w.inputTokens()).isEqualTo(tokens);
    }

    @Test
    void emptyWindow() {
        assertThat(WindowTraffic.empty(JAN).sendRequestsByBatchSize()).containsOnly(0L);
        assertThat(new TrafficAccumulator(JAN).toWindow()).isEqualTo(WindowTraffic.empty(JAN));
    }
}
