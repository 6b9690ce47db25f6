package io.mockupaws.platform.db;

/** The embedded server could not be prepared or started; the message says why and what to do. */
public class EmbeddedPostgresException extends RuntimeException {
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
