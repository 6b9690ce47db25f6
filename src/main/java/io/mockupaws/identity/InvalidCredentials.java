package io.mockupaws.identity;

import org.springframework.security.core.AuthenticationException;

/** Credentials that were presented but do not authenticate anyone: always a 401 with {@link #code()}. */
final class InvalidCredentials extends AuthenticationException {

    private final String code;

    InvalidCredentials(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
