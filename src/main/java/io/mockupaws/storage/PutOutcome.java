package io.mockupaws.storage;

/**
 * What {@link ObjectStore#putIfAbsent} did.
 *
 * @param object the object now under the key
 * @param created {@code false} when the key already held identical content and nothing was written
 */
public record PutOutcome(StoredObject object, boolean created) {}
