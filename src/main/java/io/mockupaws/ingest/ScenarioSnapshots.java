package io.mockupaws.ingest;

import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import io.mockupaws.scenario.ScenarioStatus;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What ingest needs to know of a scenario before profiling (its model's tokenizer, and whether it can take
 * traffic at all), remembered for one second so a stream of small requests reads neither the scenario nor the
 * price book's model each time.
 * Only a fast path: the authoritative "is it running" check happens under the share lock in the write transaction,
 * so a stale entry can never let an event in after a stop.
 */
final class ScenarioSnapshots {

    private static final long TTL_NANOS = 1_000_000_000L;

    record Snapshot(UUID ownerId, ScenarioStatus status, PipelineConfig pipeline, String tokenizer, long readAt) {}

    private final ScenarioService scenarios;
    private final Function<PipelineConfig, String> tokenizerOf;
    private final Map<UUID, Snapshot> cache = new ConcurrentHashMap<>();

    ScenarioSnapshots(ScenarioService scenarios, Function<PipelineConfig, String> tokenizerOf) {
        this.scenarios = scenarios;
        this.tokenizerOf = tokenizerOf;
    }

    /** The owner's scenario; "not found" when it does not exist or is another tenant's (owners never change). */
    Snapshot get(UUID id, UUID owner) {
        long now = System.nanoTime();
        Snapshot s = cache.get(id);
        if (s != null && now - s.readAt() < TTL_NANOS && s.status() == ScenarioStatus.RUNNING && s.ownerId().equals(owner)) {
            return s;
        }
        Scenario fresh = scenarios.getOwnedBy(owner, id);
        Snapshot snap = new Snapshot(fresh.ownerId(), fresh.status(), fresh.pipeline(),
                fresh.status() == ScenarioStatus.RUNNING ? tokenizerOf.apply(fresh.pipeline()) : null, now);
        if (cache.size() > 10_000) cache.clear();
        cache.put(id, snap);
        return snap;
    }
}
