package io.mockupaws.scenario;

import java.util.UUID;

/** What ingest checks under a scenario's share lock: is it running, and is it the key owner's. */
public record ScenarioState(ScenarioStatus status, UUID ownerId) {}
