package io.mockupaws.ops.backup;

/**
 * A backup, verification or restore could not be done. The message is for the operator: it says what failed, on
 * which object or database, and what to do, and never contains a password or key.
 */
public class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
