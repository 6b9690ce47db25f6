package io.mockupaws.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.PrometheusScrape;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The admin endpoints of archiving: policies, runs, jobs, statistics; and the gauges the alert reads. */
class ArchiveApiTest extends ArchiveTestBase {

    @Autowired
    DataSource dataSource;

    TestUser admin;
    Api adminApi;

    @BeforeEach
    void signInAnAdministrator() {
        admin = newUser("admin", "admin", "enterprise");
        adminApi = admin.api();
    }

    @Test
    void administratorsReadAndChangePoliciesEachChangeAudited() {
        Api.Response list = adminApi.get("/api/v1/admin/archive-policies");
        assertThat(list.status()).isEqualTo(200);
        JsonNode items = list.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(1).get("table").asString()).isEqualTo("scenario_metrics");
        assertThat(items.get(1).get("archive_after_days").asInt()).isEqualTo(730);
        assertThat(items.get(1).get("aggregate").asString()).isEqualTo("daily");
        assertThat(items.get(2).get("compress").asBoolean()).isTrue();
        assertThat(items.get(2).get("object_storage").asBoolean()).isTrue();

        Api.Response put = adminApi.put("/api/v1/admin/archive-policies",
                "{\"items\":[{\"table\":\"reports\",\"archive_after_days\":90,\"compress\":true}]}");

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("items").get(2).get("archive_after_days").asInt()).isEqualTo(90);
        assertThat(put.json().get("items").get(2).get("updated_by").asString()).isEqualTo(admin.id().toString());
        assertThat(jdbc.sql("""
                        SELECT details::text FROM audit_log WHERE actor_user_id = :u AND action = 'archive.policy_changed'
                          AND resource_type = 'archive_policy' AND resource_id = 'reports'""")
                .param("u", admin.id()).query(String.class).single()).contains("\"from\": 180").contains("\"to\": 90");
        assertThat(api.get("/api/v1/admin/archive-policies").status()).isEqualTo(403);
        assertThat(api.put("/api/v1/admin/archive-policies", "{\"items\":[{\"table\":\"reports\",\"archive_after_days\":1}]}")
                .status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/admin/archive-policies").status()).isEqualTo(401);
    }

    @Test
    void aBadPolicyChangeIsRefusedNamingEveryFieldAndWritesNothing() {
        Api.Response r = adminApi.put("/api/v1/admin/archive-policies", """
                {"items":[{"table":"scenario_logs","archive_after_days":400},
                          {"table":"nope","archive_after_days":1},
                          {"table":"scenario_logs","archive_after_days":0},
                          {"table":"scenario_metrics","aggregate":"none","object_storage":true}]}""");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("validation-failed");
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("items[1].table", "items[2].table", "items[2].archive_after_days",
                "items[3].aggregate", "items[3].object_storage");
        assertThat(count("SELECT archive_after_days FROM archive_policies WHERE table_name = 'scenario_logs'"))
                .as("nothing half-written").isNotEqualTo(400);

        assertThat(adminApi.put("/api/v1/admin/archive-policies", "{\"items\":[]}").status()).isEqualTo(422);
        assertThat(adminApi.put("/api/v1/admin/archive-policies", "{\"items\":[{\"table\":\"reports\",\"days\":3}]}").status())
                .isEqualTo(422);
        assertThat(adminApi.put("/api/v1/admin/archive-policies", "{\"items\":[{\"table\":\"reports\",").status()).isEqualTo(400);
        assertThat(adminApi.put("/api/v1/admin/archive-policies",
                "{\"items\":[{\"table\":\"reports\",\"archive_after_days\":\"soon\"}]}").status()).isEqualTo(422);
    }

    @Test
    void aRunStartsInTheBackgroundIsAuditedAndCanBeFollowedToItsEnd() throws Exception {
        UUID s = scenario("api run");
        OldData.events(jdbc, s, start(cutoffMonth.minusMonths(2)), start(cutoffMonth.minusMonths(1)), 40);

        Api.Response dry = adminApi.post("/api/v1/admin/archive/run", "{\"dry_run\":true,\"tables\":[\"logs\"]}");
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("status").asString()).isEqualTo("dry_run");
        assertThat(dry.json().get("plan").get(0).get("rows").asLong()).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isZero();

        Api.Response started = adminApi.post("/api/v1/admin/archive/run", "{\"tables\":[\"logs\",\"metrics\"],\"batch_size\":10}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String runId = started.json().get("run_id").asString();
        assertThat(started.header("Location")).isEqualTo("/api/v1/admin/archive/runs/" + runId);
        assertThat(started.json().get("jobs")).hasSize(2);

        JsonNode run = awaitRun(runId);
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.get("records_archived").asLong()).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM scenario_logs_archive")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM audit_log WHERE actor_user_id = '" + admin.id()
                + "' AND action = 'archive.run_started' AND resource_id = '" + runId + "'")).isEqualTo(1);

        Api.Response jobs = adminApi.get("/api/v1/admin/archive/jobs?type=logs&page_size=5");
        assertThat(jobs.status()).isEqualTo(200);
        assertThat(jobs.json().get("total").asLong()).isEqualTo(1);
        JsonNode job = jobs.json().get("items").get(0);
        assertThat(job.get("run_id").asString()).isEqualTo(runId);
        assertThat(job.get("trigger").asString()).isEqualTo("api");
        assertThat(job.get("requested_by").asString()).isEqualTo(admin.id().toString());
        assertThat(job.get("partitions_moved").asInt()).isEqualTo(1);

        jdbc.sql("ANALYZE scenario_logs, scenario_logs_archive").update();
        Api.Response stats = adminApi.get("/api/v1/admin/archive/statistics");
        assertThat(stats.status()).isEqualTo(200);
        JsonNode logs = stats.json().get("items").get(0);
        assertThat(logs.get("table").asString()).isEqualTo("scenario_logs");
        assertThat(logs.get("archive_rows").asLong()).isEqualTo(40);
        assertThat(logs.get("archive_bytes").asLong()).isPositive();
        assertThat(logs.get("last_run_status").asString()).isEqualTo("completed");
        assertThat(logs.get("last_run_records").asLong()).isEqualTo(40);
        assertThat(logs.get("last_success_at").isNull()).isFalse();
        assertThat(stats.json().get("items").get(2).get("table").asString()).isEqualTo("reports");
        // partitioned or not, every table has its size (an empty one still has its index pages)
        stats.json().get("items").forEach(t -> {
            assertThat(t.get("live_bytes").asLong()).as(t.get("table").asString()).isPositive();
            assertThat(t.get("archive_bytes").asLong()).as(t.get("archive_table").asString()).isPositive();
        });
    }

    @Test
    void aRunWhileAnotherArchiverRunsIs409AndRecordedAsSkipped() {
        try (ArchiveLock held = ArchiveLock.tryAcquire(dataSource).orElseThrow()) {
            Api.Response r = adminApi.post("/api/v1/admin/archive/run", "{}");
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.code()).isEqualTo("archive-running");
            assertThat(r.json().get("detail").asString()).contains("another archiver is running");
            String runId = r.json().get("run_id").asString();
            JsonNode run = adminApi.get("/api/v1/admin/archive/runs/" + runId).json();
            assertThat(run.get("status").asString()).isEqualTo("skipped");
            assertThat(run.get("jobs")).hasSize(3);
        }
    }

    @Test
    void badRunRequestsAndUnknownRunsAreClearErrors() {
        Api.Response tables = adminApi.post("/api/v1/admin/archive/run", "{\"tables\":[\"logs\",\"users\"]}");
        assertThat(tables.status()).isEqualTo(422);
        assertThat(tables.json().get("errors").get(0).get("field").asString()).isEqualTo("tables[1]");
        Api.Response batch = adminApi.post("/api/v1/admin/archive/run", "{\"batch_size\":0}");
        assertThat(batch.status()).isEqualTo(422);
        assertThat(batch.json().get("errors").get(0).get("field").asString()).isEqualTo("batch_size");
        assertThat(adminApi.post("/api/v1/admin/archive/run", "{\"dry_run\":true,\"force\":true}").status()).isEqualTo(422);
        assertThat(adminApi.get("/api/v1/admin/archive/jobs?type=users").status()).isEqualTo(400);
        assertThat(adminApi.get("/api/v1/admin/archive/jobs?page=0").status()).isEqualTo(400);
        Api.Response unknown = adminApi.get("/api/v1/admin/archive/runs/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("archive-run-not-found");
        assertThat(adminApi.get("/api/v1/admin/archive/runs/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/admin/archive/run", "{\"dry_run\":true}").status()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM archive_jobs")).isZero();
    }

    @Test
    void theGaugesSayWhetherTheLastJobOfEachTypeSucceeded() throws Exception {
        UUID s = scenario("gauges");
        byte[] file = "a,b\n".getBytes(StandardCharsets.UTF_8);
        jdbc.sql("""
                        INSERT INTO reports (scenario_id, owner_id, format, status, object_key, size_bytes, sha256, created_at)
                        VALUES (:s, :o, 'csv', 'completed', 'reports/missing-sha.csv', 4, sha256('not the file'),
                                now() - interval '1 year')""")
                .param("s", s).param("o", owner.id()).update();
        store.put("reports/missing-sha.csv", new java.io.ByteArrayInputStream(file), file.length, java.util.Map.of());

        ArchiveRun run = archive.run(new ArchiveService.Request(java.util.EnumSet.of(ArchiveTable.LOGS, ArchiveTable.REPORTS),
                100, ArchiveTrigger.CLI, null));
        assertThat(run.status()).isEqualTo("failed");

        PrometheusScrape scrape = PrometheusScrape.of(adminApi);
        assertThat(scrape.sum("mockupaws_archive_job_last_result", "type=logs")).isEqualTo(1.0);
        assertThat(scrape.sum("mockupaws_archive_job_last_result", "type=reports")).isEqualTo(0.0);
        assertThat(scrape.sum("mockupaws_archive_job_last_result", "type=metrics")).isNaN();
        assertThat(scrape.sum("mockupaws_archive_job_last_success_timestamp_seconds", "type=logs"))
                .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(120.0));
        assertThat(scrape.sum("mockupaws_archive_job_last_success_timestamp_seconds", "type=reports")).isNaN();
    }

    @Autowired
    io.mockupaws.storage.ObjectStore store;

    private JsonNode awaitRun(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode run = adminApi.get("/api/v1/admin/archive/runs/" + runId).json();
            if (!run.get("status").asString().equals("running") || System.nanoTime() > deadline) return run;
            Thread.sleep(100);
        }
    }
}
