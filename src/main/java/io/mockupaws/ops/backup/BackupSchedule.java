package io.mockupaws.ops.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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

    private final boolean scheduling;

    BackupSchedule(BackupService backups, @Value("${mockupaws.scheduling.enabled:true}") boolean scheduling) {
        this.backups = backups;
        this.scheduling = scheduling;
    }

    /**
     * Says at start-up which key the scheduled backups use and where it is, or that they cannot run: a missing key
     * should be found now, not at 02:00.
     */
    @EventListener(ApplicationReadyEvent.class)
    void reportKey() {
        if (!scheduling) return;
        try {
            BackupEncryption key = backups.encryption();
            log.info("Backups are encrypted with key {} from {}; keep a copy of it apart from the backups", key.fingerprint(),
                    key.origin());
        } catch (BackupException e) {
            log.warn("Scheduled backups will fail: {}", e.getMessage());
        }
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
