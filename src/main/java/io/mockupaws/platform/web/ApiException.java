package io.mockupaws.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A client-visible failure: rendered as RFC 9457 problem+json with a stable {@code code} (also the last segment of
 * {@code type}). Messages are written for the API's user and never carry secrets or raw event data.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    /** 422 naming each offending field. */
    public static ApiException invalid(List<FieldError> errors) {
        String summary = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", summary).with("errors", errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public ApiException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    /** A response header the problem needs (Retry-After on a 429, WWW-Authenticate on a 401). */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(HttpStatus.FORBIDDEN, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, message).header("WWW-Authenticate", "Bearer");
    }

    public HttpStatus status() { return status; }

    public Map<String, String> headers() { return headers; }

    public String code() { return code; }

    public Map<String, Object> properties() { return properties; }

    /** Exceptions used for control flow to the client do not need a stack trace. */
    @Override
    public synchronized Throwable fillInStackTrace() { return this; }

    public record FieldError(String field, String message) {}
}
