package io.mockupaws.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * End to end: traffic sent through the ingest API is what /metrics prices — counted and billed exactly as
 * COST-MODEL.md says, with the default pipeline (SQS standard, batch 1, 128 MB x86 at 100 ms, Claude 3 Haiku).
 */
class IngestedTrafficInsightsTest extends IngestTestBase {

    @Test
    void ingestedEventsArePricedToTheCentFromTheirOwnCounts() {
        String s = runningScenario();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append("{\"message\":\"order ").append(i).append(" shipped").append(i % 3 == 0 ? " to jane@example.com" : "")
                    .append("\",\"source\":\"orders\"}\n");
        }
        assertThat(ingest(s, "application/x-ndjson", body.toString()).status()).isEqualTo(200);
        long tokens = jdbc.sql("SELECT sum(token_count) FROM scenario_logs WHERE scenario_id = :s")
                .param("s", UUID.fromString(s)).query(Long.class).single();

        JsonNode m = api.get("/api/v1/scenarios/" + s + "/metrics").json();
        JsonNode sum = m.get("summary");

        assertThat(sum.get("total_requests").decimalValue()).isEqualByComparingTo("30");
        assertThat(sum.get("sqs_blocks").decimalValue()).isEqualByComparingTo("30");
        // 30 sends + 2 consumer calls (receive, delete) per invocation of batch 1
        assertThat(sum.get("sqs_requests").decimalValue()).isEqualByComparingTo("90");
        assertThat(sum.get("lambda_invocations").decimalValue()).isEqualByComparingTo("30");
        assertThat(sum.get("llm_input_tokens").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(tokens));
        assertThat(sum.get("llm_output_tokens").decimalValue()).isEqualByComparingTo("3000");
        assertThat(sum.get("pii_violations").decimalValue()).isEqualByComparingTo("10");
        // SQS 90 × $0.40/1M + Lambda 30 × $0.20/1M + 0.375 GB-s × $0.0000166667 + Bedrock tokens × $0.25/1M + 3000 × $1.25/1M
        BigDecimal expected = new BigDecimal("0.000036").add(new BigDecimal("0.000006"))
                .add(new BigDecimal("0.375").multiply(new BigDecimal("0.0000166667")))
                .add(BigDecimal.valueOf(tokens).multiply(new BigDecimal("0.00000025")))
                .add(new BigDecimal("0.00375"));
        assertThat(sum.get("total_cost_usd").decimalValue().subtract(expected).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.000001"));
        assertThat(m.at("/tokens").toString()).contains("cl100k_base");

        // a second request shows up at once: the figures are read from committed aggregates
        assertThat(ingest(s, "text/plain", "one more").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/scenarios/" + s + "/metrics").json().at("/summary/total_requests").decimalValue())
                .isEqualByComparingTo("31");
    }
}
