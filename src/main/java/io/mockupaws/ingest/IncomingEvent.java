package io.mockupaws.ingest;

import java.time.Instant;

/**
 * One decoded event before profiling: the message the pipeline would send to SQS, where it came from, and the
 * event's own time when the shipper gave one. {@code position} names it in errors ("event 3", "line 7").
 */
record IncomingEvent(String message, String source, Instant eventTime, String position) {}
