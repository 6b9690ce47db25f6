package io.mockupaws.ingest;

import io.mockupaws.identity.Actor;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.profiling.EventProfile;
import io.mockupaws.profiling.EventProfiler;
import io.mockupaws.profiling.PiiDetector;
import io.mockupaws.profiling.TokenCounter;
import io.mockupaws.profiling.Tokenizers;
import io.mockupaws.scenario.ScenarioService;
import io.mockupaws.scenario.ScenarioStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Ingest: events are profiled on the request's thread (CPU work, outside any transaction), then committed with
 * their aggregates by the {@link IngestWriter} under each scenario's share lock. A 2xx answer therefore means every
 * event and every counter is committed; any failure stores nothing of the request.
 */
@Service
public class IngestService {

    private final ScenarioService scenarios;
    private final IngestRepository repository;
    private final IngestWriter writer;
    private final ScenarioSnapshots snapshots;
    private final PriceBook priceBook;
    private final IngestMetrics metrics;
    private final EventProfiler profiler = new EventProfiler(new PiiDetector(), IngestLimits.PREVIEW_CHARS);

    IngestService(ScenarioService scenarios, IngestRepository repository, IngestWriter writer, PriceBook priceBook,
                  IngestMetrics metrics) {
        this.priceBook = priceBook;
        this.scenarios = scenarios;
        this.repository = repository;
        this.writer = writer;
        this.snapshots = new ScenarioSnapshots(scenarios, this::tokenizerFor);
        this.metrics = metrics;
    }

    /** What one scenario received in one request. */
    record Accepted(UUID scenarioId, String tokenizer, List<ProfiledEvent> events, IngestTotals totals) {}

    /**
     * Ingests events for one or more scenarios, all or nothing; returns once they are committed. Every scenario must
     * belong to {@code owner} (the API key's owner): checked here first, and again under the share lock when writing.
     */
    List<Accepted> ingest(UUID owner, Map<UUID, List<IncomingEvent>> byScenario) {
        Map<UUID, List<ProfiledEvent>> profiled = new LinkedHashMap<>();
        Map<UUID, String> tokenizers = new LinkedHashMap<>();
        Map<UUID, PipelineConfig> pipelines = new LinkedHashMap<>();
        for (var entry : byScenario.entrySet()) {
            ScenarioSnapshots.Snapshot scenario = snapshots.get(entry.getKey(), owner);
            if (scenario.status() != ScenarioStatus.RUNNING) throw ScenarioService.notRunning(entry.getKey(), scenario.status());
            TokenCounter tokens = Tokenizers.forName(scenario.tokenizer());
            tokenizers.put(entry.getKey(), tokens.name());
            pipelines.put(entry.getKey(), scenario.pipeline());
            profiled.put(entry.getKey(), metrics.profiling(() -> profile(entry.getKey(), entry.getValue(), tokens)));
        }
        Map<UUID, IngestTotals> totals = await(writer.submit(owner, profiled));
        profiled.forEach((id, events) -> metrics.committed(pipelines.get(id), events));
        List<Accepted> accepted = new ArrayList<>();
        profiled.forEach((id, events) -> accepted.add(new Accepted(id, tokenizers.get(id), events, totals.get(id))));
        return accepted;
    }

    private static Map<UUID, IngestTotals> await(java.util.concurrent.CompletableFuture<Map<UUID, IngestTotals>> done) {
        try {
            return done.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "ingest-timeout",
                    "The events could not be committed within 60 s; none or all of them are stored — check /flush before resending");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The counters of the owner's scenario (for /flush, which a shipper calls with its ingest key). */
    IngestTotals totals(UUID scenarioId, UUID owner) {
        scenarios.getOwnedBy(owner, scenarioId);
        return repository.totals(scenarioId);
    }

    /** 404 unless the actor may read the scenario (its owner, or an administrator). */
    void checkReadable(Actor actor, UUID scenarioId) {
        scenarios.get(actor, scenarioId);
    }

    private List<ProfiledEvent> profile(UUID scenarioId, List<IncomingEvent> events, TokenCounter tokens) {
        List<ProfiledEvent> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            // A message of more than 1 MiB characters is too large in any encoding: refuse it before profiling it.
            if (e.message().length() > IngestLimits.MAX_EVENT_BYTES) throw tooLarge(e, e.message().length());
            EventProfile p = profiler.profile(e.message(), tokens);
            if (p.sizeBytes() > IngestLimits.MAX_EVENT_BYTES) throw tooLarge(e, p.sizeBytes());
            out.add(new ProfiledEvent(scenarioId, e, cleanSource(e.source()), p));
        }
        return out;
    }

    private static ApiException tooLarge(IncomingEvent e, long size) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "event-too-large",
                "Event " + e.position() + " is larger than SQS's maximum message size of 1 MiB (" + size + " bytes or more)")
                .with("position", e.position()).with("limit_bytes", IngestLimits.MAX_EVENT_BYTES);
    }

    /** Sources are labels for analytics: bounded length, no control characters. */
    private static String cleanSource(String source) {
        if (source == null) return null;
        String s = source.strip().replaceAll("\\p{Cntrl}", " ");
        if (s.isEmpty()) return null;
        return s.codePointCount(0, s.length()) > IngestLimits.MAX_SOURCE_CHARS
                ? s.substring(0, s.offsetByCodePoints(0, IngestLimits.MAX_SOURCE_CHARS)) : s;
    }

    /**
     * The tokenizer the price book names for the scenario's Bedrock model (scenarios can only name models of the
     * book); cl100k_base for a model that has since left it. The response says which tokenizer counted.
     */
    String tokenizerFor(PipelineConfig pipeline) {
        return priceBook.model(pipeline.bedrock().modelId()).map(m -> m.tokenizer().name()).orElse("cl100k_base");
    }
}
