/**
 * Encrypted, verified backups of the database, WAL archiving, retention, and restores (logical, and point in time
 * into a new data directory). {@link io.mockupaws.ops.backup.BackupService} runs them for the CLI, the schedule and
 * the admin API; {@link io.mockupaws.ops.backup.WalArchive} is what PostgreSQL's archive_command and
 * restore_command run, without the application context.
 */
@NamedInterface("backup")
package io.mockupaws.ops.backup;

import org.springframework.modulith.NamedInterface;
