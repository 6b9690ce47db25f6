package io.mockupaws.ingest;

import java.time.Instant;

/** A scenario's counters since it started receiving traffic. */
public record IngestTotals(long events, long bytes, long sqsBlocks, long inputTokens, long piiEvents, long requests,
                           Instant lastEventAt) {
    static final IngestTotals NONE = new IngestTotals(0, 0, 0, 0, 0, 0, null);
}
