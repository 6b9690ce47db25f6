package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SqsChunkCounterTest {

    @ParameterizedTest(name = "{0} bytes -> {1} blocks")
    @CsvSource({
            "0, 1",          // an empty message is still billed as one request
            "1, 1",
            "65535, 1",
            "65536, 1",
            "65537, 2",
            "131072, 2",
            "131073, 3",
            "262144, 4",     // SQS maximum message size
            "1048576, 16",
    })
    void countsSixtyFourKibBlocks(long sizeBytes, int blocks) {
        assertThat(SqsChunkCounter.blocks(sizeBytes)).isEqualTo(blocks);
    }

    @Test
    void hugeSizesDoNotOverflowBeforeDivision() {
        assertThat(SqsChunkCounter.blocks(65536L * Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> SqsChunkCounter.blocks(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void rejectsNegativeSizes() {
        assertThatThrownBy(() -> SqsChunkCounter.blocks(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
