package io.mockupaws.pricing;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ingested traffic of one aggregation window (a minute, an hour, …) of one scenario: everything the cost
 * engine needs, aggregated at ingest so that no per-event data is needed at pricing time.
 *
 * @param start                   start of the window (UTC instant); its calendar month (UTC) decides which month's
 *                                tiers and free tier the window's usage falls into
 * @param events                  N, the number of log events (= SQS messages)
 * @param bytes                   Σ size_i, UTF-8 bytes of the message bodies
 * @param sqsBlocks               Σ max(1, ceil(size_i / 65536)) — SendMessage requests when sent one by one
 * @param sendRequestsByBatchSize {@code [b-1]} = SQS send requests if the window's events were sent in consecutive
 *                                groups of {@code b} (arrival order; the last group may be partial), each group
 *                                billed max(1, ceil(Σ size in group / 65536)); b = 1..10, so exactly 10 entries,
 *                                and entry 0 equals {@code sqsBlocks}. See {@link TrafficAccumulator}.
 * @param inputTokens             Σ tokens_i, the messages' own tokens (prompt overhead is added by the usage formulas)
 */
public record WindowTraffic(
        Instant start,
        long events,
        long bytes,
        long sqsBlocks,
        long[] sendRequestsByBatchSize,
        long inputTokens) {

    /** SendMessage(Batch) accepts 1..10 messages per call. */
    public static final int MAX_SEND_BATCH_SIZE = 10;

    public WindowTraffic {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(sendRequestsByBatchSize, "sendRequestsByBatchSize");
        requireNonNegative(events, "events");
        requireNonNegative(bytes, "bytes");
        requireNonNegative(sqsBlocks, "sqsBlocks");
        requireNonNegative(inputTokens, "inputTokens");
        if (sendRequestsByBatchSize.length != MAX_SEND_BATCH_SIZE) {
            throw new IllegalArgumentException("sendRequestsByBatchSize must have " + MAX_SEND_BATCH_SIZE
                    + " entries (batch sizes 1..10), had " + sendRequestsByBatchSize.length);
        }
        sendRequestsByBatchSize = sendRequestsByBatchSize.clone();
        for (int i = 0; i < sendRequestsByBatchSize.length; i++) {
            requireNonNegative(sendRequestsByBatchSize[i], "sendRequestsByBatchSize[" + i + "]");
        }
        if (sendRequestsByBatchSize[0] != sqsBlocks) {
            throw new IllegalArgumentException("sendRequestsByBatchSize[0] (batch size 1) must equal sqsBlocks "
                    + sqsBlocks + ", was " + sendRequestsByBatchSize[0]);
        }
        if (events == 0 && (bytes != 0 || sqsBlocks != 0 || inputTokens != 0)) {
            throw new IllegalArgumentException("a window without events must have 0 bytes, blocks and tokens, had bytes="
                    + bytes + " sqsBlocks=" + sqsBlocks + " inputTokens=" + inputTokens);
        }
        if (sqsBlocks < events) {
            throw new IllegalArgumentException("sqsBlocks (" + sqsBlocks + ") must be >= events (" + events
                    + "): every message is at least one 64 KiB block");
        }
        for (int b = 2; b <= MAX_SEND_BATCH_SIZE; b++) {
            long requests = sendRequestsByBatchSize[b - 1];
            long minimum = Math.ceilDiv(events, b);
            if (requests < minimum || requests > sqsBlocks) {
                throw new IllegalArgumentException("sendRequestsByBatchSize[" + (b - 1) + "] (batch size " + b + ") = "
                        + requests + " must lie in [ceil(events/" + b + ")=" + minimum + ", sqsBlocks=" + sqsBlocks + "]");
            }
        }
    }

    /** An empty window (no traffic). */
    public static WindowTraffic empty(Instant start) {
        return new WindowTraffic(start, 0, 0, 0, new long[MAX_SEND_BATCH_SIZE], 0);
    }

    /** A defensive copy: the record stays immutable. */
    @Override
    public long[] sendRequestsByBatchSize() {
        return sendRequestsByBatchSize.clone();
    }

    /** SQS send requests when events are sent {@code batchSize} at a time (1..10). */
    public long sendRequests(int batchSize) {
        if (batchSize < 1 || batchSize > MAX_SEND_BATCH_SIZE) {
            throw new IllegalArgumentException("sqs.send_batch_size must be 1..10, was " + batchSize);
        }
        return sendRequestsByBatchSize[batchSize - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowTraffic w
                && start.equals(w.start) && events == w.events && bytes == w.bytes && sqsBlocks == w.sqsBlocks
                && Arrays.equals(sendRequestsByBatchSize, w.sendRequestsByBatchSize) && inputTokens == w.inputTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, events, bytes, sqsBlocks, Arrays.hashCode(sendRequestsByBatchSize), inputTokens);
    }

    @Override
    public String toString() {
        return "WindowTraffic[start=" + start + ", events=" + events + ", bytes=" + bytes + ", sqsBlocks=" + sqsBlocks
                + ", sendRequestsByBatchSize=" + Arrays.toString(sendRequestsByBatchSize)
                + ", inputTokens=" + inputTokens + "]";
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
}
