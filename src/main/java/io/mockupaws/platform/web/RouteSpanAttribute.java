package io.mockupaws.platform.web;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Gives each server span OpenTelemetry's {@code http.route} attribute (the route pattern, e.g.
 * {@code /api/v1/scenarios/{id}}), which trace backends group requests by. Spring's Micrometer convention names
 * the route {@code uri}; it stays as it is on the {@code http.server.requests} metrics, and this is added as a
 * high-cardinality value, so spans only, never a second metric tag.
 */
@Configuration(proxyBeanMethods = false)
class RouteSpanAttribute {

    @Bean
    ObservationFilter httpRouteSpanAttribute() {
        return context -> {
            if (context instanceof ServerRequestObservationContext server && server.getPathPattern() != null) {
                server.addHighCardinalityKeyValue(KeyValue.of("http.route", server.getPathPattern()));
            }
            return context;
        };
    }
}
