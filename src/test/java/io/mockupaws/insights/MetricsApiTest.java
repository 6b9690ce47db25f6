package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.CostEngine;
import io.mockupaws.pricing.CostReport;
import io.mockupaws.pricing.DefaultPrices;
import io.mockupaws.pricing.Money;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.TrafficAccumulator;
import io.mockupaws.pricing.WindowTraffic;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.MetricsFixture;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/scenarios/{id}/metrics on aggregates written by the test. */
class MetricsApiTest extends ApiTest {

    static final Instant T = Instant.parse("2026-11-02T10:15:00Z");

    /** A minute of {@code n} events of {@code size} bytes and {@code tokens} tokens, split over two shards. */
    void minute(String id, Instant start, int n, int size, int tokens) {
        TrafficAccumulator a = new TrafficAccumulator(start);
        TrafficAccumulator b = new TrafficAccumulator(start);
        for (int i = 0; i < n; i++) (i % 5 < 3 ? a : b).add(size, tokens);
        MetricsFixture.insert(jdbc, id, a.toWindow(), 0, (long) (n * 3 / 5) * size, 2, 1, 0, 1);
        MetricsFixture.insert(jdbc, id, b.toWindow(), 1, (long) (n - n * 3 / 5) * size, 1, 0, 0, 0, 1);
    }

    @Test
    void aBillComputedByHandToTheCent() {
        String id = createScenario("by hand", "us-east-1");
        minute(id, T, 1000, 100, 20);

        Api.Response r = api.get("/api/v1/scenarios/" + id + "/metrics");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode m = r.json();
        JsonNode s = m.get("summary");
        // sqs: 1000 sends + 2 × 1000 consumer = 3000 requests × $0.40/1M = 0.0012
        // lambda: 1000 × $0.20/1M = 0.0002; 1000 × 0.125 GB × 0.1 s = 12.5 GB-s × 0.0000166667 = 0.00020833375
        // bedrock: 20,000 input × $0.25/1M = 0.005; 1000 × 100 output × $1.25/1M = 0.125
        // total 0.13160833375 → 0.131608; per event 0.00013160833375 → 0.000132
        assertThat(s.get("total_requests").asLong()).isEqualTo(1000);
        assertThat(s.get("sqs_blocks").asLong()).isEqualTo(1000);
        assertThat(s.get("sqs_requests").asLong()).isEqualTo(3000);
        assertThat(s.get("lambda_invocations").asLong()).isEqualTo(1000);
        assertThat(s.get("lambda_gb_seconds").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(s.get("llm_input_tokens").asLong()).isEqualTo(20_000);
        assertThat(s.get("llm_output_tokens").asLong()).isEqualTo(100_000);
        assertThat(s.get("llm_tokens").asLong()).isEqualTo(120_000);
        assertThat(s.get("pii_violations").asLong()).isEqualTo(3);
        assertThat(s.get("pii_by_type").toString()).startsWith("{\"email\":1,\"us_ssn\":0,\"payment_card\":1,\"phone\":1,");
        assertThat(r.body()).contains("\"total_cost_usd\":0.131608,").contains("\"avg_cost_per_request\":0.000132}");

        JsonNode sqs = m.get("cost_breakdown").get(0);
        assertThat(sqs.get("service").asString()).isEqualTo("sqs");
        assertThat(sqs.get("cost_usd").decimalValue()).isEqualByComparingTo("0.0012");
        assertThat(sqs.get("usage").get("requests").asLong()).isEqualTo(3000);
        assertThat(sqs.get("unit_prices").get(0).get("price_per_unit").decimalValue()).isEqualByComparingTo("0.40");
        assertThat(sqs.get("unit_prices").get(0).get("unit_quantity").asLong()).isEqualTo(1_000_000);
        JsonNode line = sqs.get("lines").get(0);
        assertThat(line.get("month").asString()).isEqualTo("2026-11");
        assertThat(line.get("quantity").asLong()).isEqualTo(3000);
        assertThat(m.get("cost_breakdown").get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("0.000408");
        JsonNode bedrock = m.get("cost_breakdown").get(2);
        assertThat(bedrock.get("cost_usd").decimalValue()).isEqualByComparingTo("0.13");
        assertThat(bedrock.get("percentage").decimalValue()).isEqualByComparingTo("98.78");

        assertThat(m.get("pricing").get("price_book_version").asString()).isEqualTo("us-east-1@2025-01-01T00:00:00Z");
        assertThat(m.get("tokens").get("tokenizer").asString()).isEqualTo("cl100k_base");
        assertThat(m.get("tokens").get("estimated").asBoolean()).isTrue();
        assertThat(m.get("window").get("from").asString()).isEqualTo("2026-11-02T10:15:00Z");
        assertThat(m.get("window").get("to").asString()).isEqualTo("2026-11-02T10:16:00Z");
        assertThat(m.get("granularity").asString()).isEqualTo("hour");
        assertThat(m.get("timeseries")).singleElement().satisfies(p -> {
            assertThat(p.get("start").asString()).isEqualTo("2026-11-02T10:00:00Z");
            assertThat(p.get("cost_usd").decimalValue()).isEqualByComparingTo("0.131608");
            assertThat(p.get("events").asLong()).isEqualTo(1000);
        });
        assertThat(m.has("what_if")).isFalse();
    }

    @Test
    void theSqlAggregationEqualsTheEngineOnTheSameMinutesAcrossAMonthEdgeWithShardsTiersAndFreeTier() {
        PipelineConfig cfg = new PipelineConfig(new PipelineConfig.Sqs(null, 3, true),
                new PipelineConfig.Lambda(PipelineConfig.Architecture.ARM64, 1024, null,
                        new PipelineConfig.DurationModel(new BigDecimal("20"), new BigDecimal("1.5")), 10, 1024),
                new PipelineConfig.Bedrock(null, 80, 50, null), true);
        String id = createScenario("""
                {"name":"engine","pipeline":{"sqs":{"send_batch_size":3},
                 "lambda":{"architecture":"arm64","memory_mb":1024,"batch_size":10,"ephemeral_storage_mb":1024,
                           "duration_model":{"base_ms":20,"per_kb_ms":1.5}},
                 "bedrock":{"output_tokens_per_invocation":80,"prompt_overhead_tokens":50},"free_tier":true}}""");
        Random random = new Random(7);
        List<WindowTraffic> windows = new ArrayList<>();
        Instant start = Instant.parse("2026-01-31T23:50:00Z"); // 20 minutes: 10 in January, 10 in February (UTC)
        for (int m = 0; m < 20; m++) {
            Instant minute = start.plusSeconds(60L * m);
            TrafficAccumulator[] shards = {new TrafficAccumulator(minute), new TrafficAccumulator(minute)};
            int n = 1 + random.nextInt(400);
            for (int i = 0; i < n; i++) shards[random.nextInt(2)].add(random.nextInt(120_000), random.nextInt(900));
            WindowTraffic a = shards[0].toWindow();
            WindowTraffic b = shards[1].toWindow();
            MetricsFixture.insert(jdbc, id, a, 0, a.bytes(), 0);
            MetricsFixture.insert(jdbc, id, b, 3, b.bytes(), 0);
            long[] send = new long[10];
            for (int i = 0; i < 10; i++) send[i] = a.sendRequestsByBatchSize()[i] + b.sendRequestsByBatchSize()[i];
            windows.add(new WindowTraffic(minute, a.events() + b.events(), a.bytes() + b.bytes(),
                    a.sqsBlocks() + b.sqsBlocks(), send, a.inputTokens() + b.inputTokens()));
        }
        CostReport expected = new CostEngine().price(windows, cfg, DefaultPrices.sheet(cfg));

        JsonNode m = api.get("/api/v1/scenarios/" + id + "/metrics?granularity=minute").json();

        JsonNode s = m.get("summary");
        assertThat(s.get("total_cost_usd").decimalValue()).isEqualByComparingTo(Money.api(expected.total()));
        assertThat(s.get("sqs_requests").decimalValue()).isEqualByComparingTo(expected.usage().sqsRequests());
        assertThat(s.get("lambda_invocations").decimalValue()).isEqualByComparingTo(expected.usage().lambdaInvocations());
        assertThat(s.get("lambda_gb_seconds").decimalValue()).isEqualByComparingTo(expected.usage().lambdaGbSeconds());
        assertThat(s.get("llm_input_tokens").decimalValue()).isEqualByComparingTo(expected.usage().inputTokens());
        assertThat(s.get("llm_output_tokens").decimalValue()).isEqualByComparingTo(expected.usage().outputTokens());
        for (int i = 0; i < 3; i++) {
            JsonNode service = m.get("cost_breakdown").get(i);
            assertThat(service.get("cost_usd").decimalValue()).as(service.get("service").asString())
                    .isEqualByComparingTo(Money.api(expected.services().get(i).cost()));
        }
        // each month got its own free tier: two SQS credit lines
        assertThat(m.get("cost_breakdown").get(0).get("lines").toString()).contains("\"month\":\"2026-01\"")
                .contains("\"month\":\"2026-02\"").contains("(free tier)");
        // the series adds up to the summary
        BigDecimal seriesCost = BigDecimal.ZERO;
        long seriesInvocations = 0;
        for (JsonNode p : m.get("timeseries")) {
            seriesCost = seriesCost.add(p.get("cost_usd").decimalValue());
            seriesInvocations += p.get("lambda_invocations").asLong();
        }
        assertThat(m.get("timeseries")).hasSize(20);
        assertThat(seriesInvocations).isEqualTo(expected.usage().lambdaInvocations().longValueExact());
        assertThat(seriesCost.subtract(Money.api(expected.total())).abs()).isLessThanOrEqualTo(new BigDecimal("0.00001"));
    }

    @Test
    void hourlyAndDailySeriesAreDenseSumsOfMinutes() {
        String id = createScenario("series", "us-east-1");
        minute(id, Instant.parse("2026-11-02T10:15:00Z"), 10, 100, 5);
        minute(id, Instant.parse("2026-11-02T10:16:00Z"), 10, 100, 5);
        minute(id, Instant.parse("2026-11-02T13:59:00Z"), 30, 100, 5);

        JsonNode hourly = api.get("/api/v1/scenarios/" + id + "/metrics").json().get("timeseries");
        JsonNode daily = api.get("/api/v1/scenarios/" + id + "/metrics?granularity=day").json().get("timeseries");

        assertThat(hourly).hasSize(4); // 10:00, 11:00 (empty), 12:00 (empty), 13:00
        assertThat(hourly.get(0).get("events").asLong()).isEqualTo(20);
        assertThat(hourly.get(1).get("events").asLong()).isZero();
        assertThat(hourly.get(1).get("cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(hourly.get(3).get("events").asLong()).isEqualTo(30);
        assertThat(daily).singleElement().satisfies(d -> assertThat(d.get("events").asLong()).isEqualTo(50));
    }

    @Test
    void fromAndToSelectAHalfOpenWindow() {
        String id = createScenario("window", "us-east-1");
        minute(id, Instant.parse("2026-11-02T10:00:00Z"), 10, 100, 5);
        minute(id, Instant.parse("2026-11-02T11:00:00Z"), 20, 100, 5);

        JsonNode m = api.get("/api/v1/scenarios/" + id + "/metrics?from=2026-11-02T10:00:00Z&to=2026-11-02T11:00:00Z").json();

        assertThat(m.get("summary").get("total_requests").asLong()).isEqualTo(10);
        assertThat(m.get("timeseries")).hasSize(1);
    }

    @Test
    void noTrafficIsZeroEverywhereAndTheAverageIsZeroNotADivisionError() {
        String id = createScenario("empty", "us-east-1");

        Api.Response r = api.get("/api/v1/scenarios/" + id + "/metrics");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode s = r.json().get("summary");
        assertThat(s.get("total_requests").asLong()).isZero();
        assertThat(s.get("total_cost_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(s.get("avg_cost_per_request").decimalValue()).isEqualByComparingTo("0");
        assertThat(r.json().get("timeseries")).isEmpty();
        assertThat(r.json().get("cost_breakdown")).hasSize(3)
                .allSatisfy(c -> assertThat(c.get("percentage").decimalValue()).isEqualByComparingTo("0"));
        assertThat(r.json().get("window").get("from").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            granularity=week                                      | granularity
            from=yesterday                                        | from
            to=2026-02-30                                         | to
            from=2026-11-02T11:00:00Z&to=2026-11-02T10:00:00Z     | to
            from=2026-11-02&to=2026-11-02                         | to""")
    void badParametersAre400NamingTheParameter(String query, String parameter) {
        String id = createScenario("params", "us-east-1");

        Api.Response r = api.get("/api/v1/scenarios/" + id + "/metrics?" + query);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid-parameter");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    void aMinuteSeriesLongerThanAWeekIsRefused() {
        String id = createScenario("long", "us-east-1");

        Api.Response r = api.get("/api/v1/scenarios/" + id + "/metrics?granularity=minute&from=2026-10-01&to=2026-11-01");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("too-many-points");
        assertThat(api.get("/api/v1/scenarios/" + id + "/metrics?granularity=hour&from=2026-10-01&to=2026-11-01")
                .json().get("timeseries")).hasSize(31 * 24);
    }

    @Test
    void unknownScenarioIs404AndAMalformedIdIs400OnEveryInsightsRoute() {
        String unknown = UUID.randomUUID().toString();
        for (Api.Response r : new Api.Response[] {
                api.get("/api/v1/scenarios/" + unknown + "/metrics"),
                api.post("/api/v1/scenarios/" + unknown + "/estimate", "{}"),
                api.get("/api/v1/scenarios/" + unknown + "/projection"),
                api.get("/api/v1/scenarios/" + unknown + "/sources")}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("scenario-not-found");
        }
        for (Api.Response r : new Api.Response[] {
                api.get("/api/v1/scenarios/nope/metrics"),
                api.post("/api/v1/scenarios/123/estimate", "{}"),
                api.get("/api/v1/scenarios/x/projection"),
                api.get("/api/v1/scenarios/%27/sources")}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("invalid-parameter");
        }
    }
}
