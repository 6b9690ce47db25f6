package io.mockupaws.archive;

import java.time.Instant;
import java.util.UUID;

/**
 * How long rows of a table stay live ({@code archive_policies}). {@code aggregate}, {@code compress} and
 * {@code objectStorage} describe what the mover does with that table; only {@code archiveAfterDays} is a setting.
 */
public record ArchivePolicy(String table, int archiveAfterDays, String aggregate, boolean compress,
                            boolean objectStorage, Instant updatedAt, UUID updatedBy) {}
