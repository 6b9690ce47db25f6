package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.PrometheusScrape;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Ingest traffic is visible at /actuator/prometheus: per protocol, per refusal reason, per PII type and per model,
 * and never per scenario. Counters are process-wide, so each test reads the change it caused.
 */
class IngestMetricsTest extends IngestTestBase {

    private io.mockupaws.support.Api admin;

    @org.junit.jupiter.api.BeforeEach
    void signInAnAdministrator() {
        admin = adminApi();
    }

    @Test
    void committedEventsCountByEndpointWithTheirBytesPiiAndTokens() {
        String s = runningScenario();
        PrometheusScrape before = PrometheusScrape.of(admin);

        String body = "{\"message\":\"login by ana@example.com\"}\n{\"message\":\"card 4111 1111 1111 1111 and bob@example.org\"}";
        assertThat(ingest(s, "application/x-ndjson", body).status()).isEqualTo(200);
        String bulk = "{\"index\":{\"_index\":\"mockupaws-" + s + "\"}}\n{\"message\":\"plain\"}\n";
        assertThat(send("/ingest/_bulk", null, "application/x-ndjson", bulk.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(200);

        PrometheusScrape after = PrometheusScrape.of(admin);
        assertThat(delta(before, after, "mockupaws_ingest_requests_total", "endpoint=json", "outcome=accepted")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ingest_requests_total", "endpoint=bulk", "outcome=accepted")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ingest_events_total", "endpoint=json")).isEqualTo(2);
        assertThat(delta(before, after, "mockupaws_ingest_events_total", "endpoint=bulk")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ingest_bytes_total", "endpoint=json"))
                .isEqualTo("login by ana@example.com".length() + "card 4111 1111 1111 1111 and bob@example.org".length());
        assertThat(delta(before, after, "mockupaws_ingest_pii_findings_total", "type=email")).isEqualTo(2);
        assertThat(delta(before, after, "mockupaws_ingest_pii_findings_total", "type=payment_card")).isEqualTo(1);
        assertThat(delta(before, after, "gen_ai_client_token_usage_count", "gen_ai_token_type=input",
                "gen_ai_request_model=anthropic.claude-3-haiku-20240307-v1:0", "gen_ai_provider_name=aws.bedrock")).isEqualTo(3);
        assertThat(delta(before, after, "gen_ai_client_token_usage_sum", "gen_ai_token_type=input")).isGreaterThan(10);
        // output: the default config's 100 tokens per invocation, at batch size 1 one invocation per event
        assertThat(delta(before, after, "gen_ai_client_token_usage_count", "gen_ai_token_type=output")).isEqualTo(3);
        assertThat(delta(before, after, "gen_ai_client_token_usage_sum", "gen_ai_token_type=output",
                "gen_ai_request_model=anthropic.claude-3-haiku-20240307-v1:0")).isEqualTo(300);
        assertThat(delta(before, after, "mockupaws_ingest_profiling_seconds_count")).isEqualTo(2);
        assertThat(delta(before, after, "mockupaws_ingest_write_seconds_count", "error=none")).isBetween(1.0, 2.0);
        assertThat(delta(before, after, "mockupaws_ingest_group_events_sum")).isEqualTo(3);
        assertThat(after.has("mockupaws_ingest_write_queue")).isTrue();
        // only the per-scenario cost series name scenarios (running ones, a bounded number): never an ingest metric
        assertThat(after.samples()).filteredOn(x -> after.text().contains(s) && x.labels().containsValue(s))
                .as("series that name the scenario").isNotEmpty()
                .allMatch(x -> x.name().startsWith("mockupaws_scenario_"));
        assertThat(after.text().lines().filter(l -> l.contains(s)))
                .allMatch(l -> l.startsWith("mockupaws_scenario_cost_rate_usd_per_hour{")
                        || l.startsWith("mockupaws_scenario_token_rate_per_hour{"));
    }

    @Test
    void refusedRequestsCountByReasonAndEndpointAndAreNotTraffic() {
        String draft = createScenario("not started", "us-east-1");
        PrometheusScrape before = PrometheusScrape.of(admin);

        assertThat(ingest(draft, "application/json", "{\"message\":\"x\"}").status()).isEqualTo(409);
        assertThat(ingest(null, "application/json", "{\"message\":\"x\"}").status()).isEqualTo(400);
        assertThat(send("/v1/logs", draft, "text/plain", "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);

        PrometheusScrape after = PrometheusScrape.of(admin);
        assertThat(delta(before, after, "mockupaws_ingest_rejects_total", "endpoint=json", "reason=scenario-not-running")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ingest_rejects_total", "endpoint=json", "reason=missing-scenario-id")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ingest_rejects_total", "endpoint=otlp", "reason=unsupported-media-type")).isEqualTo(1);
        assertThat(delta(before, after, "mockupaws_ingest_requests_total", "outcome=rejected")).isEqualTo(3);
        assertThat(delta(before, after, "mockupaws_ingest_events_total")).isZero();
        assertThat(delta(before, after, "gen_ai_client_token_usage_count")).isZero();
    }

    @Test
    void aModelOutsideThePriceBookIsOneSeries() {
        // scenarios may only name models of the book; a model can still leave the book after a scenario named it
        String s = createScenario("{\"name\":\"custom model\"}");
        jdbc.sql("UPDATE scenarios SET pipeline = jsonb_set(pipeline, '{bedrock,model_id}', '\"acme.private-model-v9\"') WHERE id = :id")
                .param("id", java.util.UUID.fromString(s)).update();
        api.post("/api/v1/scenarios/" + s + "/start");

        assertThat(ingest(s, "text/plain", "one line").status()).isEqualTo(200);

        PrometheusScrape after = PrometheusScrape.of(admin);
        assertThat(after.has("gen_ai_client_token_usage_count", "gen_ai_request_model=other")).isTrue();
        assertThat(after.text()).doesNotContain("acme.private-model-v9");
    }

    private static double delta(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
