package io.mockupaws.ops;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.util.function.Supplier;
import net.ttddyy.observation.tracing.ConnectionTracingObservationHandler;
import net.ttddyy.observation.tracing.QueryTracingObservationHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class OpsConfiguration {

    private static final int JDBC_SPAN_HANDLER_ORDER = MicrometerTracingAutoConfiguration.SENDER_TRACING_OBSERVATION_HANDLER_ORDER - 100;

    /**
     * Static: a BeanPostProcessor must exist before the DataSource it wraps. The observation registry is looked
     * up on first use, not here, so wrapping the DataSource does not pull the metrics and tracing beans in early;
     * and only once: the JDBC listener asks for it at every connection and statement, and a bean-factory lookup
     * each time is measurable on the ingest path.
     */
    @Bean
    static SlowQueryLog slowQueryLog(Environment env, ObjectProvider<ObservationRegistry> observations) {
        return new SlowQueryLog(env, new Supplier<>() {
            private volatile ObservationRegistry registry;

            @Override
            public ObservationRegistry get() {
                ObservationRegistry r = registry;
                if (r == null) registry = r = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
                return r;
            }
        });
    }

    /**
     * JDBC observations become client spans named "connection" and "query", with the SQL as an attribute. Ordered
     * before Boot's own handlers, which would otherwise take them as anonymous internal spans.
     */
    @Bean
    @Order(JDBC_SPAN_HANDLER_ORDER)
    QueryTracingObservationHandler queryTracingObservationHandler(Tracer tracer) {
        return new QueryTracingObservationHandler(tracer);
    }

    @Bean
    @Order(JDBC_SPAN_HANDLER_ORDER)
    ConnectionTracingObservationHandler connectionTracingObservationHandler(Tracer tracer) {
        return new ConnectionTracingObservationHandler(tracer);
    }
}
