package io.mockupaws.platform.web;

import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error leaves the API as RFC 9457 problem+json with a stable {@code code}; nothing reaches the client as a
 * stack trace or a bare 500 page. Codes are part of the API contract: clients switch on them.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e) {
        return render(e);
    }

    /** The one rendering of an {@link ApiException}: body, status and the headers it carries (Retry-After, …). */
    public static ResponseEntity<Object> render(ApiException e) {
        ResponseEntity<Object> problem = problem(e.status(), e.code(), e.getMessage(), e.properties());
        if (e.headers().isEmpty()) return problem;
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(problem.getHeaders());
        e.headers().forEach(headers::set);
        return new ResponseEntity<>(problem.getBody(), headers, problem.getStatusCode());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describeType(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "Parameter '" + e.getName() + "' must be " + expected, Map.of("parameter", e.getName()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e) {
        List<ApiException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldError(FieldNames.snake(lastNode(v.getPropertyPath().toString())), v.getMessage()))
                .sorted(Comparator.comparing(ApiException.FieldError::field)).toList();
        return api(ApiException.invalid(errors));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unhandled error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The server failed to handle the request; it has been logged.", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException) && cause.getCause() != cause) cause = cause.getCause();
        if (cause instanceof PropertyBindingException pbe) {
            String field = FieldNames.path(pbe);
            return api(ApiException.invalid(field, "unknown field"));
        }
        if (cause instanceof ValueInstantiationException vie) {
            String msg = vie.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : "invalid value";
            return api(ApiException.invalid(FieldNames.path(vie), msg));
        }
        if (cause instanceof InvalidFormatException ife) {
            if (ife.getValue() instanceof String s && s.indexOf('\0') >= 0) {
                return api(ApiException.invalid(FieldNames.path(ife), JsonConfig.NUL_MESSAGE));
            }
            return api(ApiException.invalid(FieldNames.path(ife), "must be " + describeType(ife.getTargetType())));
        }
        if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            String target = mie.getTargetType() == null ? "a value of another type" : describeType(mie.getTargetType());
            return api(ApiException.invalid(FieldNames.path(mie), "must be " + target));
        }
        if (cause instanceof DatabindException de && !de.getPath().isEmpty()) {
            return api(ApiException.invalid(FieldNames.path(de), "invalid value"));
        }
        if (cause instanceof JacksonException je) {
            String where = je.getLocation() == null ? ""
                    : " at line " + je.getLocation().getLineNr() + ", column " + je.getLocation().getColumnNr();
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "The request body is not valid JSON" + where, Map.of());
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "The request body is missing or unreadable", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return api(ApiException.invalid(fieldErrors(ex.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                errors.add(new ApiException.FieldError(FieldNames.snake(r.getMethodParameter().getParameterName()),
                        err.getDefaultMessage()))));
        return problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                errors.isEmpty() ? "Invalid request parameters" : errors.getFirst().field() + ": " + errors.getFirst().message(),
                Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "missing-parameter",
                "Parameter '" + ex.getParameterName() + "' is required", Map.of("parameter", ex.getParameterName()));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException mh) {
            return problem(HttpStatus.BAD_REQUEST, "missing-header", "Header '" + mh.getHeaderName() + "' is required",
                    Map.of("header", mh.getHeaderName()));
        }
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "The request is missing required parts", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Content type " + (ex.getContentType() == null ? "(none)" : ex.getContentType()) + " is not supported; use "
                        + ex.getSupportedMediaTypes(), Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "No acceptable representation; this API speaks JSON", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Method " + ex.getMethod() + " is not allowed here", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such endpoint: /" + ex.getResourcePath(), Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is too large", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Any other framework exception: keep its status, give it our shape.
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null) status = HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) log.error("Request failed", ex);
        String code = status.is5xxServerError() ? "internal-error" : status.name().toLowerCase().replace('_', '-');
        String detail = status.is5xxServerError() ? "The server failed to handle the request; it has been logged."
                : status.getReasonPhrase();
        return problem(status, code, detail, Map.of());
    }

    public static ResponseEntity<Object> problem(HttpStatus status, String code, String detail, Map<String, Object> extra) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(URI.create("/problems/" + code));
        pd.setTitle(status.getReasonPhrase());
        pd.setProperty("code", code);
        extra.forEach(pd::setProperty);
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(pd);
    }

    private static List<ApiException.FieldError> fieldErrors(BindingResult result) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(fe -> errors.add(new ApiException.FieldError(FieldNames.snake(fe.getField()),
                fe.getDefaultMessage())));
        result.getGlobalErrors().forEach(ge -> errors.add(new ApiException.FieldError(ge.getObjectName(), ge.getDefaultMessage())));
        errors.sort(Comparator.comparing(ApiException.FieldError::field));
        return errors;
    }

    private static String lastNode(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1); // drop the method name of a method-level violation
    }

    private static String describeType(Class<?> type) {
        if (type == java.util.UUID.class) return "a UUID";
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type)) return "a number";
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        if (type == String.class) return "a string";
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "an ISO-8601 date-time";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "a valid " + type.getSimpleName();
    }
}
