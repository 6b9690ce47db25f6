package io.mockupaws.ingest;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.profiling.EventProfile;
import io.mockupaws.profiling.EventProfiler;
import io.mockupaws.profiling.PiiDetector;
import io.mockupaws.profiling.TokenCounter;
import io.mockupaws.profiling.Tokenizers;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import io.mockupaws.scenario.ScenarioStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingest: events are profiled (outside any transaction: it is CPU work), then written with their aggregates in
 * one transaction that holds each scenario's share lock. A 2xx answer therefore means every event and every
 * counter is committed; any failure stores nothing.
 */
@Service
public class IngestService {

    private final ScenarioService scenarios;
    private final IngestRepository repository;
    private final TransactionTemplate tx;
    private final EventProfiler profiler = new EventProfiler(new PiiDetector(), IngestLimits.PREVIEW_CHARS);

    IngestService(ScenarioService scenarios, IngestRepository repository, TransactionTemplate tx) {
        this.scenarios = scenarios;
        this.repository = repository;
        this.tx = tx;
    }

    /** What one scenario received in one request. */
    record Accepted(UUID scenarioId, String tokenizer, List<ProfiledEvent> events, IngestTotals totals) {}

    /** Ingests events for one or more scenarios, all or nothing. Keys keep the caller's order. */
    List<Accepted> ingest(Map<UUID, List<IncomingEvent>> byScenario) {
        Map<UUID, List<ProfiledEvent>> profiled = new LinkedHashMap<>();
        Map<UUID, String> tokenizers = new LinkedHashMap<>();
        for (var entry : byScenario.entrySet()) {
            Scenario scenario = scenarios.get(entry.getKey());
            if (scenario.status() != ScenarioStatus.RUNNING) throw ScenarioService.notRunning(scenario.id(), scenario.status());
            TokenCounter tokens = Tokenizers.forName(tokenizerFor(scenario.pipeline()));
            tokenizers.put(scenario.id(), tokens.name());
            profiled.put(scenario.id(), profile(entry.getValue(), tokens));
        }
        return tx.execute(status -> {
            scenarios.holdRunning(profiled.keySet());
            Instant now = repository.transactionTime();
            int shard = ThreadLocalRandom.current().nextInt(IngestRepository.SHARDS);
            List<Accepted> accepted = new ArrayList<>();
            for (var entry : profiled.entrySet()) {
                repository.copyEvents(entry.getKey(), now, entry.getValue());
                IngestTotals totals = repository.addAggregates(entry.getKey(), now, entry.getValue(), shard);
                accepted.add(new Accepted(entry.getKey(), tokenizers.get(entry.getKey()), entry.getValue(), totals));
            }
            return accepted;
        });
    }

    IngestTotals totals(UUID scenarioId) {
        scenarios.get(scenarioId);
        return repository.totals(scenarioId);
    }

    private List<ProfiledEvent> profile(List<IncomingEvent> events, TokenCounter tokens) {
        List<ProfiledEvent> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            // A message of more than 1 MiB characters is too large in any encoding: refuse it before profiling it.
            if (e.message().length() > IngestLimits.MAX_EVENT_BYTES) throw tooLarge(e, e.message().length());
            EventProfile p = profiler.profile(e.message(), tokens);
            if (p.sizeBytes() > IngestLimits.MAX_EVENT_BYTES) throw tooLarge(e, p.sizeBytes());
            out.add(new ProfiledEvent(e, cleanSource(e.source()), p));
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
     * The tokenizer of the scenario's Bedrock model. Until the price book names one per model, every model is
     * estimated with cl100k_base (an estimate for Claude, Llama and Nova; the response says which tokenizer counted).
     */
    static String tokenizerFor(PipelineConfig pipeline) {
        return "cl100k_base";
    }
}
