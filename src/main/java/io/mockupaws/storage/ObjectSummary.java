package io.mockupaws.storage;

import java.time.Instant;

/**
 * An object as a listing reports it. No SHA-256 or metadata: on S3 those cost one request per object, so a
 * listing of 10,000 WAL segments would cost 10,000 requests; {@link ObjectStore#stat} gives them for one key.
 */
public record ObjectSummary(String key, long size, Instant lastModified) {}
