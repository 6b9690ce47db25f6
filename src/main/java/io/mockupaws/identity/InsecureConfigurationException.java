package io.mockupaws.identity;

/** A security setting that must be fixed before the server may start; its message says how. */
public class InsecureConfigurationException extends RuntimeException {

    public InsecureConfigurationException(String message) {
        super(message);
    }
}
