package io.mockupaws.archive;

/** A step of the mover could not be done; what had moved stays moved, what had not stays live. */
public class ArchiveException extends RuntimeException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
