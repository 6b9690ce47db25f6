package io.mockupaws.ingest;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts each refused ingest request by its problem code ({@code mockupaws.ingest.rejects}) on its way out, then
 * answers exactly as {@link ProblemHandler} does. An advice rather than code in every endpoint: a request can be
 * refused anywhere from reading the body to the write transaction, and each place already throws its code.
 */
@RestControllerAdvice(assignableTypes = IngestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IngestRejects {

    private final IngestMetrics metrics;

    IngestRejects(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> rejected(ApiException e, HttpServletRequest request) {
        IngestMetrics.Endpoint endpoint = IngestMetrics.Endpoint.ofRoute(
                (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        if (endpoint != null) metrics.rejected(endpoint, e.code());
        return ProblemHandler.render(e);
    }
}
