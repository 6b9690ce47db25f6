package io.mockupaws.insights;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Bodies of the insights endpoints. Unknown fields are rejected by the JSON mapper. */
final class InsightsRequests {

    private InsightsRequests() {}

    /**
     * A what-if: {@code pipeline} is merged key by key into the scenario's stored config (only the keys given
     * change); {@code region} replaces the scenario's. Nothing is saved.
     */
    record Estimate(String region, JsonNode pipeline) {}

    /** 2–4 scenarios; the baseline (default: the first) is what the deltas are measured against. */
    record Compare(List<UUID> scenarioIds, UUID baselineId, Instant from, Instant to) {}
}
