package io.mockupaws.ingest;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.mockupaws.pricing.DefaultPrices;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.profiling.EventProfile;
import io.mockupaws.profiling.PiiType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What ingest exports to Prometheus. Every tag has a bounded set of values — endpoint, error code, PII type, a
 * price-book model — and never a scenario id or a source, which would grow a series per customer.
 *
 * <p>Transport counts ({@code mockupaws.ingest.requests/events/bytes}, by endpoint) are recorded by the controller,
 * which knows the protocol; content counts (PII findings, tokens) by the service once the events are committed, so
 * a refused request never counts as traffic.
 */
@Component
class IngestMetrics {

    /** The protocols events arrive by; {@link #tag} is the {@code endpoint} tag. */
    enum Endpoint {
        JSON("json"), BULK("bulk"), OTLP("otlp");

        final String tag;

        Endpoint(String tag) {
            this.tag = tag;
        }

        /** The ingest protocol of a route pattern, or null for routes that take no events (flush, stored logs). */
        static Endpoint ofRoute(String pattern) {
            if (pattern == null) return null;
            return switch (pattern) {
                case "/ingest", "/api/v1/scenarios/{id}/ingest" -> JSON;
                case "/ingest/_bulk", "/ingest/{index}/_bulk" -> BULK;
                case "/v1/logs" -> OTLP;
                default -> null;
            };
        }
    }

    /** Models outside the price book are one series, whatever a scenario's config names. */
    static final String OTHER_MODEL = "other";

    private static final String TOKEN_USAGE = "gen_ai.client.token.usage";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final Set<String> knownModels = DefaultPrices.modelIds();
    private final Map<Endpoint, Counter> accepted = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Counter> rejectedRequests = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Counter> events = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Counter> bytes = new EnumMap<>(Endpoint.class);
    private final Map<PiiType, Counter> piiFindings = new EnumMap<>(PiiType.class);
    private final Map<String, DistributionSummary> inputTokens = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> outputTokens = new ConcurrentHashMap<>();
    private final Timer profiling;
    private final DistributionSummary requestsPerTransaction;
    private final DistributionSummary eventsPerTransaction;

    IngestMetrics(MeterRegistry registry, ObservationRegistry observations) {
        this.registry = registry;
        this.observations = observations;
        // Registered up front at zero, so rate() sees the first event and dashboards show every series from start.
        for (Endpoint e : Endpoint.values()) {
            accepted.put(e, Counter.builder("mockupaws.ingest.requests").tag("endpoint", e.tag).tag("outcome", "accepted")
                    .description("Ingest requests, by protocol and whether they were committed").register(registry));
            rejectedRequests.put(e, Counter.builder("mockupaws.ingest.requests").tag("endpoint", e.tag).tag("outcome", "rejected")
                    .description("Ingest requests, by protocol and whether they were committed").register(registry));
            events.put(e, Counter.builder("mockupaws.ingest.events").tag("endpoint", e.tag)
                    .description("Events committed").register(registry));
            bytes.put(e, Counter.builder("mockupaws.ingest.bytes").tag("endpoint", e.tag).baseUnit("bytes")
                    .description("UTF-8 bytes of the committed events' messages (what SQS bills)").register(registry));
        }
        for (PiiType type : PiiType.values()) {
            piiFindings.put(type, Counter.builder("mockupaws.ingest.pii.findings").tag("type", type.code())
                    .description("PII found in committed events, by type (each finding, not each event)").register(registry));
        }
        profiling = Timer.builder("mockupaws.ingest.profiling")
                .description("Profiling one request's events for one scenario: size, SQS blocks, tokens, PII").register(registry);
        requestsPerTransaction = DistributionSummary.builder("mockupaws.ingest.group.requests")
                .description("Requests committed together in one group-commit transaction").register(registry);
        eventsPerTransaction = DistributionSummary.builder("mockupaws.ingest.group.events")
                .description("Events committed together in one group-commit transaction").register(registry);
    }

    void accepted(Endpoint endpoint, List<IngestService.Accepted> committed) {
        long n = 0;
        long size = 0;
        for (IngestService.Accepted a : committed) {
            n += a.events().size();
            for (ProfiledEvent e : a.events()) size += e.profile().sizeBytes();
        }
        accepted.get(endpoint).increment();
        events.get(endpoint).increment(n);
        bytes.get(endpoint).increment(size);
    }

    void rejected(Endpoint endpoint, String code) {
        rejectedRequests.get(endpoint).increment();
        Counter.builder("mockupaws.ingest.rejects").tag("endpoint", endpoint.tag).tag("reason", code)
                .description("Ingest requests refused, by protocol and problem code").register(registry).increment();
    }

    <T> T profiling(Supplier<T> work) {
        return profiling.record(work);
    }

    /**
     * PII findings and Bedrock tokens of committed events, following OpenTelemetry's GenAI convention
     * ({@code gen_ai.client.token.usage} by {@code gen_ai.token.type}), one sample per event — a prospective Bedrock
     * request at batch size 1: {@code input}, the message's own tokens (the prompt overhead is per invocation and
     * left to the insights); {@code output}, the config's output tokens per invocation over its Lambda batch size,
     * the share of an invocation's answer each event brings (exactly the configured figure at batch size 1).
     */
    void committed(PipelineConfig pipeline, Collection<ProfiledEvent> committed) {
        String modelId = pipeline.bedrock().modelId();
        String model = knownModels.contains(modelId) ? modelId : OTHER_MODEL;
        DistributionSummary tokens = inputTokens.computeIfAbsent(model, m -> tokenUsage(m, "input"));
        DistributionSummary answers = outputTokens.computeIfAbsent(model, m -> tokenUsage(m, "output"));
        double outputPerEvent = (double) pipeline.bedrock().outputTokensPerInvocation() / pipeline.lambda().batchSize();
        for (ProfiledEvent e : committed) {
            EventProfile p = e.profile();
            tokens.record(p.tokenCount());
            answers.record(outputPerEvent);
            if (p.hasPii()) {
                for (PiiType type : p.piiTypes()) piiFindings.get(type).increment(p.piiCount(type));
            }
        }
    }

    private DistributionSummary tokenUsage(String model, String type) {
        return DistributionSummary.builder(TOKEN_USAGE)
                .description("Bedrock tokens per event by the scenario's model: input, the message's tokens; output, the "
                        + "config's output tokens per invocation / Lambda batch size")
                .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", "aws.bedrock")
                .tag("gen_ai.request.model", model).tag("gen_ai.token.type", type)
                .register(registry);
    }

    /**
     * One group-commit transaction, observed: a {@code mockupaws.ingest.write} timer (histogram, for the writer
     * latency alert) and a span whose JDBC children are the COPY and the upserts.
     */
    void write(int requests, int eventCount, Runnable transaction) {
        requestsPerTransaction.record(requests);
        eventsPerTransaction.record(eventCount);
        Observation.createNotStarted("mockupaws.ingest.write", observations)
                .contextualName("ingest group commit")
                .highCardinalityKeyValue(KeyValue.of("mockupaws.requests", String.valueOf(requests)))
                .highCardinalityKeyValue(KeyValue.of("mockupaws.events", String.valueOf(eventCount)))
                .observe(transaction);
    }

    void watchQueue(Collection<?> pending) {
        Gauge.builder("mockupaws.ingest.write.queue", pending, Collection::size)
                .description("Requests waiting for a writer thread").register(registry);
    }
}
