package io.mockupaws.pricing;

import java.time.Instant;
import java.util.Objects;

/**
 * Builds a {@link WindowTraffic} from the events of one window, in arrival order — the ingest-side half of the
 * "send_requests" formula of COST-MODEL.md, kept next to the record whose invariants it must satisfy.
 *
 * <p>For every send batch size b = 1..10 it tracks the open group of b consecutive events; a full group is billed
 * {@code max(1, ceil(Σ size / 65536))} requests, and {@link #toWindow()} bills the open (partial) groups as well,
 * because the window's last messages must be sent too. Groups therefore never span two windows: batching across
 * window edges is not modelled. Not thread-safe.
 */
public final class TrafficAccumulator {

    /** SQS bills every 64 KiB chunk of a request's payload as one request. */
    public static final long SQS_CHUNK_BYTES = 65_536;

    private final Instant start;
    private long events;
    private long bytes;
    private long sqsBlocks;
    private long inputTokens;
    private final long[] closedRequests = new long[WindowTraffic.MAX_SEND_BATCH_SIZE];
    private final long[] openCount = new long[WindowTraffic.MAX_SEND_BATCH_SIZE];
    private final long[] openBytes = new long[WindowTraffic.MAX_SEND_BATCH_SIZE];

    public TrafficAccumulator(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
    }

    /** Requests billed for one SQS request carrying {@code payloadBytes}: max(1, ceil(bytes / 65536)). */
    public static long sqsChunks(long payloadBytes) {
        if (payloadBytes < 0) throw new IllegalArgumentException("payload bytes must be >= 0, was " + payloadBytes);
        return Math.max(1, Math.ceilDiv(payloadBytes, SQS_CHUNK_BYTES));
    }

    /** Adds one event: its UTF-8 body size and its token count. */
    public TrafficAccumulator add(long sizeBytes, long tokens) {
        if (sizeBytes < 0) throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        if (tokens < 0) throw new IllegalArgumentException("tokens must be >= 0, was " + tokens);
        events = Math.addExact(events, 1);
        bytes = Math.addExact(bytes, sizeBytes);
        sqsBlocks = Math.addExact(sqsBlocks, sqsChunks(sizeBytes));
        inputTokens = Math.addExact(inputTokens, tokens);
        for (int i = 0; i < closedRequests.length; i++) {
            int b = i + 1;
            openCount[i]++;
            openBytes[i] = Math.addExact(openBytes[i], sizeBytes);
            if (openCount[i] == b) {
                closedRequests[i] = Math.addExact(closedRequests[i], sqsChunks(openBytes[i]));
                openCount[i] = 0;
                openBytes[i] = 0;
            }
        }
        return this;
    }

    /** The window so far, open groups billed as sent. Does not change the accumulator. */
    public WindowTraffic toWindow() {
        long[] requests = new long[closedRequests.length];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = closedRequests[i] + (openCount[i] > 0 ? sqsChunks(openBytes[i]) : 0);
        }
        return new WindowTraffic(start, events, bytes, sqsBlocks, requests, inputTokens);
    }
}
