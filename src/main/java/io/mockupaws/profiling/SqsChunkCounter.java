package io.mockupaws.profiling;

/**
 * Counts SQS billing blocks for a payload.
 *
 * <p>SQS bills every request in 64 KiB chunks, and even an empty message costs one chunk, so the cost model
 * needs the chunk count rather than the raw byte size.
 */
public final class SqsChunkCounter {

    /** SQS bills requests in increments of this many bytes. */
    public static final int BLOCK_BYTES = 64 * 1024;

    private SqsChunkCounter() {
    }

    /**
     * Returns the number of 64 KiB billing blocks a payload of {@code sizeBytes} occupies, never less than 1.
     *
     * @throws IllegalArgumentException if {@code sizeBytes} is negative, because that can only be a caller bug
     */
    public static int blocks(long sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative: " + sizeBytes);
        }
        if (sizeBytes == 0) {
            return 1;
        }
        // Computed in long so that sizes near Long.MAX_VALUE cannot overflow before the division.
        long blocks = (sizeBytes - 1) / BLOCK_BYTES + 1;
        return Math.toIntExact(blocks);
    }
}
