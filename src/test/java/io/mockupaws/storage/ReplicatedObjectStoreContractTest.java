package io.mockupaws.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** A replicated store is an {@link ObjectStore} like any other; here with two filesystem stores. */
class ReplicatedObjectStoreContractTest extends ObjectStoreContract {

    @TempDir
    Path temp;

    @Override
    protected ObjectStore newStore() {
        return new ReplicatedObjectStore(
                new FileSystemObjectStore(temp.resolve("primary")), new FileSystemObjectStore(temp.resolve("secondary")));
    }
}
