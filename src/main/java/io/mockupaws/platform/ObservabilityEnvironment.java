package io.mockupaws.platform;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the three observability settings into Boot's properties before logging and auto-configuration start.
 * Done here rather than with placeholders in application.yml because each one means "absent" when unset, and an
 * empty placeholder is not absent to Boot (an empty OTLP endpoint still enables the exporter, an empty management
 * port is not "the same port"):
 * <ul>
 *   <li>{@code MOCKUPAWS_OTLP_ENDPOINT} set: traces are exported there over OTLP/HTTP; unset: no exporter exists,
 *       so nothing ever connects anywhere, whatever {@code OTEL_*} variables the environment carries (those may
 *       well be meant for a log shipper pointed at this server).</li>
 *   <li>{@code MOCKUPAWS_LOG_FORMAT=json}: one ECS JSON object per line on the console, with {@code trace.id} and
 *       {@code span.id}; {@code plain} (default): Boot's readable lines, with {@code [traceId-spanId]}.</li>
 *   <li>{@code MOCKUPAWS_MANAGEMENT_PORT} set: actuator endpoints (health probes, /actuator/prometheus) move to that
 *       port, bound to {@code MOCKUPAWS_MANAGEMENT_ADDRESS} (127.0.0.1 unless told otherwise), off the public API.</li>
 * </ul>
 */
public class ObservabilityEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String otlp = env.getProperty("mockupaws.observability.otlp-endpoint", "").strip();
        if (otlp.isEmpty()) {
            props.put("management.tracing.export.otlp.enabled", "false");
        } else {
            props.put(TRACES_ENDPOINT, tracesEndpoint(otlp));
        }
        // Boot has no logback appender for OTLP logs; an exporter without one would only hold a connection open.
        props.put("management.logging.export.otlp.enabled", "false");

        String format = env.getProperty("mockupaws.observability.log-format", "plain").strip().toLowerCase(Locale.ROOT);
        switch (format) {
            case "plain", "" -> { }
            case "json" -> {
                props.put("logging.structured.format.console", "ecs");
                // Micrometer puts traceId/spanId in the MDC; ECS names them trace.id/span.id, which Elastic,
                // Loki and Grafana link to the trace.
                props.put("logging.structured.json.rename.traceId", "trace.id");
                props.put("logging.structured.json.rename.spanId", "span.id");
            }
            default -> throw new IllegalArgumentException(
                    "MOCKUPAWS_LOG_FORMAT must be 'plain' or 'json', not '" + format + "'");
        }

        String port = env.getProperty("mockupaws.observability.management-port", "").strip();
        if (!port.isEmpty()) {
            props.put("management.server.port", port);
            props.put("management.server.address", env.getProperty("mockupaws.observability.management-address", "127.0.0.1"));
        }
        env.getPropertySources().addFirst(new MapPropertySource("mockupaws-observability", props));
    }

    /**
     * Accepts the collector's base URL, as OTEL_EXPORTER_OTLP_ENDPOINT does ({@code http://collector:4318}), and
     * adds the traces path; a URL that already has a path is taken as the full traces endpoint.
     */
    static String tracesEndpoint(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("MOCKUPAWS_OTLP_ENDPOINT must be an http(s) URL such as "
                    + "http://collector:4318, not '" + url + "'");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) return url.replaceAll("/+$", "") + "/v1/traces";
        return url;
    }

    @Override
    public int getOrder() {
        // After config files and the environment are read, so MOCKUPAWS_* from any source are seen.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
