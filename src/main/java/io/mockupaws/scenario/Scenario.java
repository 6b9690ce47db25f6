package io.mockupaws.scenario;

import io.mockupaws.pricing.PipelineConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A simulated pipeline whose cost mockupAWS predicts from the traffic it receives while running; its owner's alone. */
public record Scenario(
        UUID id,
        UUID ownerId,
        String name,
        String description,
        ScenarioStatus status,
        String region,
        List<String> tags,
        PipelineConfig pipeline,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        Instant archivedAt) {}
