package io.mockupaws.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.MockupAwsApplication;
import io.mockupaws.support.Api;
import io.mockupaws.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.runner.ThreadLocalJobContext;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of mockupAWS (two application contexts, each with its background job server) on one database, as
 * behind a load balancer: every tick of a recurring job runs exactly once, on one of them; each registers the same
 * recurring jobs without duplicating them; queues hold their per-instance limits; failed jobs are retried with
 * exponential back-off; the admin API and the dashboard show the jobs.
 */
class RecurringJobsClusterTest {

    static final String DATA_DIR = "target/test-data";
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static JdbcClient jdbc;

    /** Registered explicitly in these two contexts only (not a @Configuration, so no other test scans it). */
    static class TestJobs {
        @Bean
        RecurringTask tickTask(DataSource dataSource, org.springframework.core.env.Environment env) {
            String instance = env.getProperty("test.instance");
            JdbcClient db = JdbcClient.create(dataSource);
            return new RecurringTask() {
                public String id() { return "test-tick"; }
                public String cron() { return "*/10 * * * * *"; }
                public void run() {
                    db.sql("INSERT INTO test_ticks (job_id, instance) VALUES (:job, :instance)")
                            .param("job", ThreadLocalJobContext.getJobContext().getJobId()).param("instance", instance).update();
                }
            };
        }

        @Bean
        SlowReport slowReport() {
            return new SlowReport();
        }

        @Bean
        FailingJob failingJob() {
            return new FailingJob();
        }
    }

    /** A stand-in for report generation: how many run at once on this instance. */
    public static class SlowReport {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();

        @Job(name = "slow report %0", retries = 0, labels = JobQueue.REPORTS_LABEL)
        public void generate(int n) throws InterruptedException {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1500);
            } finally {
                running.decrementAndGet();
                done.incrementAndGet();
            }
        }
    }

    public static class FailingJob {
        @Job(name = "always fails", retries = 2, labels = JobQueue.EMAILS_LABEL)
        public void fail() {
            throw new IllegalStateException("the SMTP server is down (on purpose)");
        }
    }

    static ConfigurableApplicationContext start(String instance, String... extra) {
        List<String> args = new ArrayList<>(List.of("--mockupaws.data-dir=" + DATA_DIR,
                "--mockupaws.database.embedded-name=mockupaws_jobs_test", "--mockupaws.database.embedded-fresh=true",
                "--server.port=0", "--spring.main.banner-mode=off", "--test.instance=" + instance,
                "--mockupaws.backup.full-cron=-", "--mockupaws.backup.base-cron=-", "--mockupaws.backup.cleanup-cron=-",
                "--mockupaws.backup.verify-cron=-", "--mockupaws.insights.rollup-initial-delay=PT1H",
                "--mockupaws.jobs.concurrency.reports=2"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(MockupAwsApplication.class, TestJobs.class).run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void twoInstances() {
        first = start("first", "--mockupaws.jobs.dashboard.enabled=true", "--mockupaws.jobs.dashboard.port=0",
                "--mockupaws.jobs.dashboard.username=ops", "--mockupaws.jobs.dashboard.password=dashboard-secret");
        jdbc = JdbcClient.create(first.getBean(DataSource.class));
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_ticks (job_id uuid, instance text, at timestamptz DEFAULT clock_timestamp())").update();
        jdbc.sql("TRUNCATE test_ticks").update();
        second = start("second");
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    @Test
    void everyTickRunsExactlyOnceAcrossTwoInstances() throws Exception {
        Thread.sleep(55_000);
        StorageProvider storage = first.getBean(StorageProvider.class);
        List<UUID> jobs = jdbc.sql("SELECT job_id FROM test_ticks ORDER BY at").query(UUID.class).list();
        Map<Instant, List<UUID>> byTick = new TreeMap<>();
        for (UUID job : jobs) {
            Instant tick = storage.getJobById(job).getJobStatesOfType(ScheduledState.class).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("job " + job + " was never scheduled")).getScheduledAt();
            byTick.computeIfAbsent(tick, t -> new ArrayList<>()).add(job);
        }
        assertThat(jobs).as("runs in 55 s of a 10-second cron").hasSizeGreaterThanOrEqualTo(4);
        assertThat(jobs).as("no job ran twice").doesNotHaveDuplicates();
        byTick.forEach((tick, ran) -> assertThat(ran).as("runs of the tick " + tick).hasSize(1));
        List<Instant> ticks = new ArrayList<>(byTick.keySet());
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("no tick skipped").isEqualTo(Duration.ofSeconds(10));
        }
        assertThat(storage.getRecurringJobs()).extracting(r -> r.getId())
                .as("both instances registered the same jobs, once").doesNotHaveDuplicates()
                .contains("test-tick", "partition-maintenance", "insights-hourly-rollup", "slow-query-retention")
                .doesNotContain("backup-full", "backup-base");
        assertThat(first.getBean(RecurringTaskRegistry.class).overview().recurring())
                .filteredOn(t -> t.id().equals("test-tick")).singleElement()
                .satisfies(t -> assertThat(t.lastRun().outcome()).isIn("succeeded", "running"));
    }

    @Test
    void aQueueRunsAtMostItsLimitOnEachInstance() throws Exception {
        JobScheduler scheduler = first.getBean(JobScheduler.class);
        SlowReport a = first.getBean(SlowReport.class);
        SlowReport b = second.getBean(SlowReport.class);
        for (int i = 0; i < 8; i++) {
            int n = i;
            scheduler.enqueue(() -> a.generate(n));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (a.done.get() + b.done.get() < 8 && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(a.done.get() + b.done.get()).isEqualTo(8);
        assertThat(a.most.get()).as("reports at once on the first instance").isLessThanOrEqualTo(2);
        assertThat(b.most.get()).as("reports at once on the second instance").isLessThanOrEqualTo(2);
        assertThat(Math.max(a.most.get(), b.most.get())).as("the limit, not one at a time").isEqualTo(2);
        List<String> reasons = jdbc.sql("SELECT jobasjson FROM jobrunr.jobrunr_jobs WHERE jobasjson LIKE '%slow report%'")
                .query(String.class).list();
        assertThat(reasons).as("jobs over the limit waited, saying why").anyMatch(j -> j.contains("queue reports runs its limit of 2 jobs on this instance"));
    }

    @Test
    void aFailingJobIsRetriedWithExponentialBackOffThenFails() throws Exception {
        JobScheduler scheduler = first.getBean(JobScheduler.class);
        FailingJob job = first.getBean(FailingJob.class);
        UUID id = scheduler.enqueue(() -> job.fail()).asUUID();
        StorageProvider storage = first.getBean(StorageProvider.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (storage.getJobById(id).getState() != StateName.FAILED || storage.getJobById(id).getJobStatesOfType(FailedState.class).count() < 3) {
            assertThat(System.nanoTime()).as("job failed for good within 90 s").isLessThan(deadline);
            Thread.sleep(500);
        }
        var states = storage.getJobById(id).getJobStates();
        List<ScheduledState> retries = storage.getJobById(id).getJobStatesOfType(ScheduledState.class).toList();
        assertThat(retries).hasSize(2).extracting(ScheduledState::getReason).containsExactly("Retry 1 of 2", "Retry 2 of 2");
        // retry n waits 3^n seconds after the failure before it
        List<FailedState> failures = storage.getJobById(id).getJobStatesOfType(FailedState.class).toList();
        for (int n = 1; n <= 2; n++) {
            assertThat(Duration.between(failures.get(n - 1).getCreatedAt(), retries.get(n - 1).getScheduledAt()).toMillis())
                    .as("back-off before retry " + n).isBetween((long) Math.pow(3, n) * 1000 - 100, (long) Math.pow(3, n) * 1000 + 1000);
        }
        assertThat(states.getLast()).isInstanceOf(FailedState.class);
        assertThat(jdbc.sql("SELECT count(*) FROM jobrunr.jobrunr_jobs WHERE state = 'FAILED'").query(Long.class).single()).isPositive();
    }

    @Test
    void administratorsSeeTheRecurringJobsAndCanRunOneNow() throws Exception {
        Api admin = new Api(port(first)).withBearer(adminToken());
        Api.Response list = admin.get("/api/v1/admin/jobs");
        assertThat(list.status()).isEqualTo(200);
        JsonNode jobs = list.json();
        Map<String, JsonNode> byId = new TreeMap<>();
        jobs.get("recurring").forEach(j -> byId.put(j.get("id").asString(), j));
        assertThat(byId.keySet()).contains("partition-maintenance", "insights-hourly-rollup", "slow-query-retention",
                "backup-full", "backup-base", "backup-cleanup", "backup-verify", "report-schedules", "test-tick");
        assertThat(byId.get("partition-maintenance").get("cron").asString()).isEqualTo("17 1 * * *");
        assertThat(byId.get("partition-maintenance").get("enabled").asBoolean()).isTrue();
        assertThat(byId.get("partition-maintenance").get("zone").asString()).isEqualTo("UTC");
        assertThat(Instant.parse(byId.get("partition-maintenance").get("next_run_at").asString())).isAfter(Instant.now());
        assertThat(byId.get("backup-full").get("enabled").asBoolean()).as("cron '-'").isFalse();
        assertThat(jobs.get("jobs_by_state").has("failed")).isTrue();

        Api.Response run = admin.post("/api/v1/admin/jobs/slow-query-retention/run");
        assertThat(run.status()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"succeeded".equals(jdbc.sql("SELECT outcome FROM recurring_task_runs WHERE task_id = 'slow-query-retention'")
                .query(String.class).optional().orElse(null))) {
            assertThat(System.nanoTime()).as("the run requested now ran").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(admin.post("/api/v1/admin/jobs/no-such-job/run").code()).isEqualTo("recurring-job-not-found");
    }

    @Test
    void theDashboardListensOnLoopbackBehindBasicAuthentication() throws Exception {
        int port = first.getBean(JobsDashboard.class).boundPort();
        assertThat(port).isPositive();
        HttpClient http = HttpClient.newHttpClient();
        URI jobs = URI.create("http://127.0.0.1:" + port + "/api/jobs?state=SCHEDULED&offset=0&limit=20&order=updatedAt:ASC");
        assertThat(http.send(HttpRequest.newBuilder(jobs).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        String basic = Base64.getEncoder().encodeToString("ops:dashboard-secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(jobs).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"items\"");
        assertThat(second.getBean(JobsDashboard.class).boundPort()).as("off unless enabled").isEqualTo(-1);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private static String adminToken() {
        UUID user = jdbc.sql("""
                        INSERT INTO users (email, password_hash, full_name, role, tier)
                        VALUES (:email, 'x', 'ops', 'admin', 'enterprise') RETURNING id""")
                .param("email", "ops-" + UUID.randomUUID() + "@example.com").query(UUID.class).single();
        UUID session = jdbc.sql("INSERT INTO auth_sessions (user_id) VALUES (:u) RETURNING id").param("u", user).query(UUID.class).single();
        return TestTokens.sign(TestTokens.serverKey(Path.of(DATA_DIR)), user, session, Instant.now(), Instant.now().plusSeconds(1800));
    }
}
