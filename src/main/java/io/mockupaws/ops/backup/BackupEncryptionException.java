package io.mockupaws.ops.backup;

/** The key is missing or malformed, or is not the key an object was encrypted with. */
public class BackupEncryptionException extends BackupException {

    public BackupEncryptionException(String message) {
        super(message);
    }
}
