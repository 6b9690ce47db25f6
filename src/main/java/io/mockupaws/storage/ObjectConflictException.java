package io.mockupaws.storage;

/**
 * {@link ObjectStore#putIfAbsent} found different content under the key. For WAL archiving this means two clusters
 * (or two timelines gone wrong) archive into the same place, which must stop archiving rather than overwrite.
 */
public class ObjectConflictException extends ObjectStoreException {

    private final String key;
    private final String existingSha256;
    private final String offeredSha256;

    public ObjectConflictException(String store, String key, String existingSha256, String offeredSha256) {
        super("'" + key + "' in " + store + " already holds different content (sha256 " + existingSha256
                + ", offered " + offeredSha256 + ")");
        this.key = key;
        this.existingSha256 = existingSha256;
        this.offeredSha256 = offeredSha256;
    }

    public String key() {
        return key;
    }

    public String existingSha256() {
        return existingSha256;
    }

    public String offeredSha256() {
        return offeredSha256;
    }
}
