package io.mockupaws.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jobrunr.scheduling.RecurringJobBuilder.aRecurringJob;

import io.mockupaws.MockupAwsApplication;
import io.mockupaws.platform.jobs.RecurringTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * JobRunr keeps its jobs and its own migration history in the schema {@code jobrunr} of the application's database,
 * so a backup carries them and a restore brings back both together: an instance started on the restored database
 * finds the jobs still due, and JobRunr finds its tables already migrated — nothing re-run, nothing duplicated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "mockupaws.data-dir=target/test-data",
        "mockupaws.database.embedded-name=mockupaws_jobs_backup",
        "mockupaws.database.embedded-fresh=true",
        "mockupaws.scheduling.enabled=false",
        "mockupaws.backup.encryption-key=" + BackupDrillTest.KEY})
class JobRunrTablesBackupTest {

    static final String RESTORED = "drill_jobs_restored";

    @Autowired
    BackupService backups;

    @Autowired
    JobScheduler scheduler;

    @Autowired
    RecurringTaskRunner runner;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void dropTheRestoredDatabase() {
        jdbc.sql("DROP DATABASE IF EXISTS " + RESTORED + " WITH (FORCE)").update();
    }

    @Test
    void jobsAndJobRunrsMigrationHistoryComeBackTogether() {
        dropTheRestoredDatabase();
        UUID tomorrow = scheduler.schedule(Instant.now().plus(Duration.ofDays(1)), () -> runner.run("partition-maintenance")).asUUID();
        scheduler.createRecurrently(aRecurringJob().withId("restore-check").withCron("0 3 * * *")
                .withDetails(() -> runner.run("partition-maintenance")));
        long migrations = jdbc.sql("SELECT count(*) FROM jobrunr.jobrunr_migrations").query(Long.class).single();
        assertThat(migrations).isGreaterThan(10);

        BackupMetadata backup = backups.backupFull(BackupTrigger.MANUAL);
        assertThat(backup.rowCounts()).containsEntry("jobrunr.jobrunr_migrations", migrations)
                .containsEntry("jobrunr.jobrunr_jobs", 1L).containsEntry("jobrunr.jobrunr_recurring_jobs", 1L);
        RestoreReport restored = backups.restore(new RestoreRequest(backup.id().toString(), Optional.empty(),
                Optional.of(RESTORED), Optional.empty(), 2, false, false), step -> {});
        assertThat(restored.restored()).isTrue();

        try (var instance = new SpringApplicationBuilder(MockupAwsApplication.class).web(WebApplicationType.NONE)
                .run("--mockupaws.data-dir=target/test-data", "--mockupaws.database.embedded-name=" + RESTORED,
                        "--mockupaws.scheduling.enabled=false", "--mockupaws.backup.encryption-key=" + BackupDrillTest.KEY,
                        "--spring.main.banner-mode=off")) {
            StorageProvider storage = instance.getBean(StorageProvider.class);
            assertThat(storage.getJobById(tomorrow).getState()).isEqualTo(StateName.SCHEDULED);
            assertThat(storage.getRecurringJobs()).extracting(RecurringJob::getId).contains("restore-check");
            JdbcClient db = JdbcClient.create(instance.getBean(DataSource.class));
            assertThat(db.sql("SELECT current_database()").query(String.class).single()).isEqualTo(RESTORED);
            assertThat(db.sql("SELECT count(*) FROM jobrunr.jobrunr_migrations").query(Long.class).single())
                    .as("JobRunr re-ran none of its migrations").isEqualTo(migrations);
        }
    }
}
