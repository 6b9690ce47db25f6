package io.mockupaws.ingest;

/** The hard limits of one ingest request (SQS's own maximum message size bounds a single event). */
final class IngestLimits {
    static final int MAX_EVENTS = 10_000;
    static final long MAX_WIRE_BYTES = 16L * 1024 * 1024;
    static final long MAX_DECODED_BYTES = 64L * 1024 * 1024;
    static final int MAX_EVENT_BYTES = 1024 * 1024;
    static final int PREVIEW_CHARS = 512;
    static final int MAX_SOURCE_CHARS = 255;

    private IngestLimits() {}
}
