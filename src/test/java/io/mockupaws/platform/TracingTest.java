package io.mockupaws.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.ApiTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * Spans reach the OpenTelemetry SDK (here its in-memory exporter, where production has OTLP): a request is a
 * server span named by its route, its SQL are child spans, and without MOCKUPAWS_OTLP_ENDPOINT there is no OTLP
 * exporter at all.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
class TracingTest extends ApiTest {

    @TestConfiguration
    static class InMemorySpans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    SdkTracerProvider tracerProvider;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void forgetEarlierSpans() {
        tracerProvider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
        spans.reset();
    }

    @Test
    void aRequestIsAServerSpanNamedByItsRouteWithItsQueriesAsChildren() throws Exception {
        String id = createScenario("traced", "eu-west-1");
        spans.reset();

        assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(200);

        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER
                && "/api/v1/scenarios/{id}".equals(s.getAttributes().get(AttributeKey.stringKey("http.route"))));
        assertThat(server.getName()).isEqualTo("http get /api/v1/scenarios/{id}");
        List<SpanData> all = spans.getFinishedSpanItems();
        List<SpanData> inTrace = all.stream().filter(s -> s.getTraceId().equals(server.getTraceId())).toList();
        assertThat(inTrace).anySatisfy(s -> {
            assertThat(s.getParentSpanId()).isNotEqualTo(io.opentelemetry.api.trace.SpanId.getInvalid());
            assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(s.getName()).isEqualTo("query");
            assertThat(s.getAttributes().get(AttributeKey.stringKey("jdbc.query[0]"))).contains("FROM scenarios");
        });
    }

    @Test
    void withoutAnEndpointNothingIsExportedOverOtlp(CapturedOutput output) {
        api.get("/api/v1/health");
        assertThat(context.getBeanNamesForType(io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter.class)).isEmpty();
        assertThat(context.getBeanNamesForType(io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter.class)).isEmpty();
        assertThat(output.getAll()).doesNotContain("Failed to export").doesNotContain("4318");
    }

    @Test
    void theCollectorsBaseUrlGetsTheTracesPath() {
        assertThat(ObservabilityEnvironment.tracesEndpoint("http://collector:4318")).isEqualTo("http://collector:4318/v1/traces");
        assertThat(ObservabilityEnvironment.tracesEndpoint("http://collector:4318/")).isEqualTo("http://collector:4318/v1/traces");
        assertThat(ObservabilityEnvironment.tracesEndpoint("https://otel.example/custom/v1/traces"))
                .isEqualTo("https://otel.example/custom/v1/traces");
    }

    private SpanData awaitSpan(java.util.function.Predicate<SpanData> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            tracerProvider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
            var found = spans.getFinishedSpanItems().stream().filter(match).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(50);
        }
        throw new AssertionError("no matching span; finished: " + spans.getFinishedSpanItems().stream()
                .map(s -> s.getKind() + " " + s.getName() + " " + s.getAttributes()).toList());
    }
}
