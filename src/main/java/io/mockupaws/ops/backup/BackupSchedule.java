package io.mockupaws.ops.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The backup jobs of a running server, UTC: a full backup nightly, a base backup weekly, retention daily and a
 * verification of the newest backup daily. Each schedule is a Spring cron ({@code mockupaws.backup.*-cron}; "-"
 * turns one off) and all of them stop with {@code mockupaws.scheduling.enabled=false}. The job bodies are
 * {@link BackupService} methods, which a job scheduler can call as well.
 */
@Component
class BackupSchedule {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);
    private final BackupService backups;

    BackupSchedule(BackupService backups) {
        this.backups = backups;
    }

    @Scheduled(cron = "${mockupaws.backup.full-cron:0 0 2 * * *}", zone = "UTC")
    void nightlyFullBackup() {
        run("full backup", () -> backups.backupScheduled(BackupKind.FULL));
    }

    @Scheduled(cron = "${mockupaws.backup.base-cron:0 30 3 * * SUN}", zone = "UTC")
    void weeklyBaseBackup() {
        run("base backup", () -> backups.backupScheduled(BackupKind.BASE));
    }

    @Scheduled(cron = "${mockupaws.backup.cleanup-cron:0 0 5 * * *}", zone = "UTC")
    void dailyCleanup() {
        run("backup cleanup", backups::cleanup);
    }

    @Scheduled(cron = "${mockupaws.backup.verify-cron:0 30 5 * * *}", zone = "UTC")
    void dailyVerification() {
        run("verification of the latest backup", () -> backups.verify("latest"));
    }

    private static void run(String job, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            // Recorded in backup_history where it is a backup run; a failed job must not stop the next one.
            log.error("Scheduled {} failed: {}", job, e.getMessage());
        }
    }
}
