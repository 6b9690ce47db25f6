package io.mockupaws.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** What both adapters do once {@code putIfAbsent} finds the key taken: same bytes is success, others a conflict. */
final class PutIfAbsent {

    private PutIfAbsent() {}

    static PutOutcome existingOrConflict(ObjectStore store, StoredObject existing, String offeredSha256) {
        // An object written by someone else (or whose recorded hash was lost in a crash) has no known hash; reading
        // it once is the only way to tell a harmless retry from a real conflict.
        String existingSha256 = existing.sha256().orElseGet(() -> hashOf(store, existing.key()));
        if (!existingSha256.equals(offeredSha256)) {
            throw new ObjectConflictException(store.describe(), existing.key(), existingSha256, offeredSha256);
        }
        StoredObject known = new StoredObject(existing.key(), existing.size(), existing.lastModified(),
                Optional.of(existingSha256), existing.metadata());
        return new PutOutcome(known, false);
    }

    private static String hashOf(ObjectStore store, String key) {
        try (InputStream in = store.get(key)) {
            return MeasuredContent.sha256Of(key, in);
        } catch (IOException e) {
            throw new ObjectStoreException("reading '" + key + "' from " + store.describe() + " failed", e);
        }
    }
}
