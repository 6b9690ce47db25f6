package io.mockupaws.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mockupaws.ops.backup.BackupService;
import io.mockupaws.ops.backup.BackupTrigger;
import io.mockupaws.storage.ObjectStore;
import io.mockupaws.storage.StorageConfiguration;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.PrometheusScrape;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * The series behind the backup, WAL, rate-limit, cache and cost alerts, read the way Prometheus reads them — a
 * scrape of /actuator/prometheus — after the real thing happened: events ingested through /ingest, a backup taken
 * with pg_dump (and one that failed), requests refused with 429, cached lists read twice.
 */
class OperationalMetricsTest extends ApiTest {

    @Autowired
    ConfigurableEnvironment environment;

    @Autowired
    @Qualifier(StorageConfiguration.BACKUP_STORE)
    ObjectStore backupStore;

    @Autowired
    BackupService backups;

    private Api admin;

    @BeforeEach
    void administrator() {
        admin = adminApi();
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(admin);
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    @Test
    void aRunningScenariosCostAndTokensPerHourAreItsLastHourPricedExactly() {
        String id = createScenario("""
                {"name":"priced","region":"us-east-1","pipeline":{"lambda":{"batch_size":4,"memory_mb":512,"duration_ms":250},
                 "bedrock":{"output_tokens_per_invocation":60,"prompt_overhead_tokens":30}}}""");
        api.post("/api/v1/scenarios/" + id + "/start");
        String draft = createScenario("not running", "us-east-1");
        PrometheusScrape before = scrape();

        Api shipper = anonymous.withApiKey(apiKey(owner, "ingest"));
        Api.Response r = shipper.send(HttpRequest.newBuilder(api.uri("/ingest?detail=true")).header("X-Scenario-ID", id)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString("""
                        {"message":"GET /checkout 200 in 12 ms"}
                        {"message":"POST /login ana@example.com from 10.0.0.1 failed"}
                        {"message":"payment declined for order 1234567890"}
                        {"message":"x"}
                        {"message":"shipping label printed"}
                        """)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        long tokens = 0;
        for (JsonNode e : r.json().get("events")) tokens += e.get("token_count").asLong();
        PrometheusScrape after = scrape();

        // By hand, COST-MODEL.md with the us-east-1 seed: 5 events in one minute at batch size 4 → 2 invocations.
        long events = 5, invocations = 2;
        BigDecimal sqs = BigDecimal.valueOf(events + 2 * invocations).multiply(new BigDecimal("0.40")).movePointLeft(6);
        BigDecimal lambda = BigDecimal.valueOf(invocations).multiply(new BigDecimal("0.20")).movePointLeft(6)
                .add(BigDecimal.valueOf(invocations).multiply(new BigDecimal("0.5")).multiply(new BigDecimal("0.25"))
                        .multiply(new BigDecimal("0.0000166667")));
        BigDecimal inputTokens = BigDecimal.valueOf(tokens + 30 * invocations);
        BigDecimal outputTokens = BigDecimal.valueOf(60 * invocations);
        BigDecimal bedrock = inputTokens.multiply(new BigDecimal("0.25")).add(outputTokens.multiply(new BigDecimal("1.25")))
                .movePointLeft(6);
        // the hour is priced as a month (× 730, tiers of a month) and divided back: the first tiers are linear
        Map<String, BigDecimal> expected = Map.of("sqs", sqs, "lambda", lambda, "bedrock", bedrock);
        expected.forEach((service, usd) -> assertThat(after.sum("mockupaws_scenario_cost_rate_usd_per_hour",
                "scenario_id=" + id, "service=" + service)).as(service)
                .isCloseTo(usd.doubleValue(), within(usd.doubleValue() * 1e-12)));
        assertThat(after.sum("mockupaws_scenario_token_rate_per_hour", "scenario_id=" + id, "gen_ai_token_type=input",
                "gen_ai_request_model=anthropic.claude-3-haiku-20240307-v1:0")).isEqualTo(inputTokens.doubleValue());
        assertThat(after.sum("mockupaws_scenario_token_rate_per_hour", "scenario_id=" + id, "gen_ai_token_type=output"))
                .isEqualTo(outputTokens.doubleValue());
        assertThat(after.has("mockupaws_scenario_cost_rate_usd_per_hour", "scenario_id=" + draft)).as("running only").isFalse();
        assertThat(after.sum("mockupaws_scenario_cost_scenarios_omitted")).isZero();

        // the API's projection of the minute those events arrived in sees the same usage (× 730 h × 60 min)
        Instant minute = Instant.parse(r.json().at("/totals/last_event_at").asString()).truncatedTo(ChronoUnit.MINUTES);
        JsonNode projection = api.get("/api/v1/scenarios/" + id + "/projection?from=" + minute + "&to="
                + minute.plus(Duration.ofMinutes(1))).json();
        assertThat(projection.at("/projected_summary/llm_output_tokens").decimalValue())
                .isEqualByComparingTo(outputTokens.multiply(BigDecimal.valueOf(730 * 60)));

        // per event, the OpenTelemetry GenAI histogram: input = each message's tokens, output = 60 / batch size 4
        assertThat(delta(before, after, "gen_ai_client_token_usage_sum", "gen_ai_token_type=input")).isEqualTo(tokens);
        assertThat(delta(before, after, "gen_ai_client_token_usage_sum", "gen_ai_token_type=output")).isEqualTo(events * 15.0);
        assertThat(delta(before, after, "gen_ai_client_token_usage_count", "gen_ai_token_type=output")).isEqualTo(events);
    }

    @Test
    void onlyTheBusiestRunningScenariosHaveSeries() {
        String busy = createScenario("busy", "us-east-1");
        api.post("/api/v1/scenarios/" + busy + "/start");
        jdbc.sql("""
                        INSERT INTO scenarios (owner_id, name, status, region, pipeline, started_at)
                        SELECT :owner, 'idle ' || g, 'running', 'us-east-1', '{}'::jsonb, now() FROM generate_series(1, 200) g""")
                .param("owner", owner.id()).update();
        Api shipper = anonymous.withApiKey(apiKey(owner, "ingest"));
        assertThat(shipper.send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", busy)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"the only traffic\"}"))).status()).isEqualTo(200);

        PrometheusScrape s = scrape();
        Set<String> scenarios = new HashSet<>();
        s.samples().stream().filter(x -> x.name().equals("mockupaws_scenario_cost_rate_usd_per_hour"))
                .forEach(x -> scenarios.add(x.labels().get("scenario_id")));
        assertThat(scenarios).hasSize(200).contains(busy);
        assertThat(s.samples().stream().filter(x -> x.name().equals("mockupaws_scenario_cost_rate_usd_per_hour"))).hasSize(600);
        assertThat(s.samples().stream().filter(x -> x.name().equals("mockupaws_scenario_token_rate_per_hour"))).hasSize(400);
        assertThat(s.sum("mockupaws_scenario_cost_scenarios_omitted")).isEqualTo(1);
    }

    @Test
    void theLastBackupOfEachKindItsTimeAndItsResult() throws Exception {
        backups.backupFull(BackupTrigger.MANUAL);
        Timestamp finished = jdbc.sql("""
                SELECT max(finished_at) FROM backup_history WHERE kind = 'full' AND status = 'completed'""")
                .query(Timestamp.class).single();

        // the gauges keep a reading for a second, and an earlier test's backups may already read "completed":
        // wait for the reading that has this very backup in it
        double finishedSeconds = finished.getTime() / 1000.0;
        PrometheusScrape ok = awaitScrape(s -> s.sum("mockupaws_backup_last_result", "kind=full") == 1
                && Math.abs(s.sum("mockupaws_backup_last_success_timestamp_seconds", "kind=full") - finishedSeconds) < 0.001);
        assertThat(ok.sum("mockupaws_backup_last_success_timestamp_seconds", "kind=full"))
                .isCloseTo(finished.getTime() / 1000.0, within(0.001));
        assertThat(ok.has("mockupaws_backup_last_success_timestamp_seconds", "kind=base")).isTrue();
        assertThat(ok.sum("mockupaws_wal_archive_lag_seconds")).as("archiving is off in the tests' server").isZero();

        // a run that fails for real: the same service with a key that is not one
        StandardEnvironment withBadKey = new StandardEnvironment();
        withBadKey.merge(environment);
        withBadKey.getPropertySources().addFirst(new MapPropertySource("bad-key",
                Map.of("mockupaws.backup.encryption-key", "bm90IGEga2V5")));
        BackupService broken = BackupService.of(withBadKey, backupStore, jdbc);
        assertThatThrownBy(() -> broken.backupFull(BackupTrigger.MANUAL)).isInstanceOf(RuntimeException.class);

        PrometheusScrape failed = awaitScrape(s -> s.sum("mockupaws_backup_last_result", "kind=full") == 0);
        assertThat(failed.sum("mockupaws_backup_last_success_timestamp_seconds", "kind=full"))
                .as("the last success is still the one before").isCloseTo(finished.getTime() / 1000.0, within(0.001));
    }

    /** The backup gauges keep a reading for a second (one database read per scrape): scrape until it is current. */
    private PrometheusScrape awaitScrape(java.util.function.Predicate<PrometheusScrape> current) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PrometheusScrape s = scrape();
        while (!current.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            s = scrape();
        }
        assertThat(current.test(s)).as(s.text()).isTrue();
        return s;
    }

    @Test
    void refusalsCountByLimitAndTier() {
        PrometheusScrape before = scrape();

        // each until its first refusal (buckets refill smoothly, so how many pass first depends on the pace)
        Api free = newUser("free", "user", "free").api();
        untilRefused(() -> free.get("/api/v1/scenarios"));
        untilRefused(() -> api.get("/api/v1/api-keys"));
        untilRefused(() -> anonymous.withHeader("X-Forwarded-For", "192.0.2.77")
                .post("/api/v1/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password-123\"}"));
        String id = createScenario("limited", "us-east-1");
        api.post("/api/v1/scenarios/" + id + "/start");
        Api slowKey = anonymous.withApiKey(apiKey(owner, 1, "ingest"));
        StringBuilder eleven = new StringBuilder();
        for (int i = 0; i < 11; i++) eleven.append("{\"message\":\"e").append(i).append("\"}\n");
        assertThat(slowKey.send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", id)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(eleven.toString())))
                .status()).isEqualTo(429);

        PrometheusScrape after = scrape();
        assertThat(delta(before, after, "mockupaws_ratelimit_rejections_total", "limit=tier", "tier=free")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ratelimit_rejections_total", "limit=api-keys", "tier=enterprise")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ratelimit_rejections_total", "limit=auth", "tier=none")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ratelimit_rejections_total", "limit=ingest-key", "tier=enterprise")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ratelimit_rejections_total")).isEqualTo(4);
    }

    private static void untilRefused(java.util.function.Supplier<Api.Response> request) {
        for (int i = 0; i < 500; i++) {
            if (request.get().status() == 429) return;
        }
        throw new AssertionError("never refused");
    }

    @Test
    void cacheLookupsCountAsHitsAndMissesPerCache() {
        createScenario("listed", "us-east-1");
        PrometheusScrape before = scrape();
        api.get("/api/v1/scenarios?region=us-east-1");
        api.get("/api/v1/scenarios?region=us-east-1");
        PrometheusScrape after = scrape();

        assertThat(delta(before, after, "cache_gets_total", "cache=scenario-lists", "result=miss")).isEqualTo(1);
        assertThat(delta(before, after, "cache_gets_total", "cache=scenario-lists", "result=hit")).isEqualTo(1);
        assertThat(delta(before, after, "cache_puts_total", "cache=scenario-lists")).isEqualTo(1);
        assertThat(after.sum("cache_size", "cache=scenario-lists")).isEqualTo(1);
        assertThat(after.has("mockupaws_cache_errors_total", "backend=caffeine")).isTrue();
    }

}
