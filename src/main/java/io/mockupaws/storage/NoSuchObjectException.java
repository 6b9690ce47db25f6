package io.mockupaws.storage;

/** There is no object under the key. */
public class NoSuchObjectException extends ObjectStoreException {

    private final String key;

    public NoSuchObjectException(String store, String key) {
        super("no object '" + key + "' in " + store);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
