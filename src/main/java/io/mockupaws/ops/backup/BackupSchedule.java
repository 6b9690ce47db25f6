package io.mockupaws.ops.backup;

import io.mockupaws.platform.jobs.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The backup jobs of a running server, as recurring tasks (UTC): a full backup nightly, a base backup weekly,
 * retention daily and a verification of the newest backup daily. Each schedule is a cron
 * ({@code mockupaws.backup.*-cron}; "-" turns one off) and all of them stop with
 * {@code mockupaws.scheduling.enabled=false}. The job bodies are {@link BackupService} methods, which the CLI
 * calls as well. A failed run is recorded in backup_history (where it is a backup run) and fails its job, which
 * JobRunr retries.
 */
@Configuration(proxyBeanMethods = false)
class BackupSchedule {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    /** One backup job on its cron. */
    record BackupTask(String id, String cron, String description, Runnable body) implements RecurringTask {
        @Override
        public void run() {
            body.run();
        }
    }

    @Bean
    RecurringTask nightlyFullBackup(BackupService backups, @Value("${mockupaws.backup.full-cron:0 0 2 * * *}") String cron) {
        return new BackupTask("backup-full", cron, "Full backup (pg_dump), encrypted into the backup store",
                () -> backups.backupScheduled(BackupKind.FULL));
    }

    @Bean
    RecurringTask weeklyBaseBackup(BackupService backups, @Value("${mockupaws.backup.base-cron:0 30 3 * * SUN}") String cron) {
        return new BackupTask("backup-base", cron, "Base backup (pg_basebackup) for point-in-time recovery",
                () -> backups.backupScheduled(BackupKind.BASE));
    }

    @Bean
    RecurringTask dailyBackupCleanup(BackupService backups, @Value("${mockupaws.backup.cleanup-cron:0 0 5 * * *}") String cron) {
        return new BackupTask("backup-cleanup", cron, "Backup retention: delete expired backups and unneeded WAL",
                backups::cleanup);
    }

    @Bean
    RecurringTask dailyBackupVerification(BackupService backups, @Value("${mockupaws.backup.verify-cron:0 30 5 * * *}") String cron) {
        return new BackupTask("backup-verify", cron, "Verify that the newest backup restores", () -> backups.verify("latest"));
    }

    /**
     * Says at start-up which key the scheduled backups use and where it is, or that they cannot run: a missing key
     * should be found now, not at 02:00.
     */
    @Bean
    BackupKeyReport backupKeyReport(BackupService backups, @Value("${mockupaws.scheduling.enabled:true}") boolean scheduling) {
        return new BackupKeyReport(backups, scheduling);
    }

    static final class BackupKeyReport {
        private final BackupService backups;
        private final boolean scheduling;

        BackupKeyReport(BackupService backups, boolean scheduling) {
            this.backups = backups;
            this.scheduling = scheduling;
        }

        @EventListener(ApplicationReadyEvent.class)
        void reportKey() {
            if (!scheduling) return;
            try {
                BackupEncryption key = backups.encryption();
                log.info("Backups are encrypted with key {} from {}; keep a copy of it apart from the backups",
                        key.fingerprint(), key.origin());
            } catch (BackupException e) {
                log.warn("Scheduled backups will fail: {}", e.getMessage());
            }
        }
    }
}
