package io.mockupaws.ingest;

import io.mockupaws.profiling.EventProfile;

/** An event with its profile: everything that is stored of it (never its raw message). */
record ProfiledEvent(IncomingEvent event, String source, EventProfile profile) {}
