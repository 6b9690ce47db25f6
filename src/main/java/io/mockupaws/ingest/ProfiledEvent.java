package io.mockupaws.ingest;

import io.mockupaws.profiling.EventProfile;
import java.util.UUID;

/** An event with its profile and its scenario: everything that is stored of it (never its raw message). */
record ProfiledEvent(UUID scenarioId, IncomingEvent event, String source, EventProfile profile) {}
