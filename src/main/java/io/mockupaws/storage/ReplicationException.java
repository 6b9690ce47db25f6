package io.mockupaws.storage;

/**
 * The primary store holds the outcome of the operation but the secondary does not: the object was stored (or
 * deleted) in the primary and copying that to the secondary failed. The primary is left as it is, because undoing
 * a good backup there would lose data; repeating the operation is safe and completes the secondary.
 */
public class ReplicationException extends ObjectStoreException {

    private final String key;

    public ReplicationException(String message, String key, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
