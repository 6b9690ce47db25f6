/**
 * Archiving of old data: per-table policies, a mover that takes events, per-minute metrics and reports past their
 * policy out of the live tables (into {@code scenario_logs_archive}, daily aggregates in
 * {@code scenario_metrics_archive}, gzip files in the object store with their rows in {@code reports_archive}),
 * the history of its runs ({@code archive_jobs}), and the views that read live and archived rows as one.
 * {@link io.mockupaws.archive.ArchiveService} runs it for the CLI, the nightly job and the admin API.
 */
package io.mockupaws.archive;
