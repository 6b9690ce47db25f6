package io.mockupaws.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScenarioLifecycleTest extends ApiTest {

    @Test
    void createdScenarioIsDraftWithTheFullDefaultPipeline() {
        Api.Response r = api.post("/api/v1/scenarios", """
                {"name":"checkout logs","description":"prod mirror","region":"eu-west-1","tags":["team-a","prod"]}""");

        assertThat(r.status()).isEqualTo(201);
        JsonNode s = r.json();
        assertThat(r.raw().headers().firstValue("Location")).hasValue("/api/v1/scenarios/" + s.get("id").asString());
        assertThat(s.get("status").asString()).isEqualTo("draft");
        assertThat(s.get("region").asString()).isEqualTo("eu-west-1");
        assertThat(s.get("tags").toString()).isEqualTo("[\"team-a\",\"prod\"]");
        assertThat(s.get("created_at").asString()).endsWith("Z");
        assertThat(s.get("started_at").isNull()).isTrue();
        JsonNode p = s.get("pipeline");
        assertThat(p.at("/sqs/queue_type").asString()).isEqualTo("standard");
        assertThat(p.at("/sqs/send_batch_size").asInt()).isEqualTo(1);
        assertThat(p.at("/sqs/include_consumer_requests").asBoolean()).isTrue();
        assertThat(p.at("/lambda/architecture").asString()).isEqualTo("x86_64");
        assertThat(p.at("/lambda/memory_mb").asInt()).isEqualTo(128);
        assertThat(p.at("/lambda/duration_ms").asInt()).isEqualTo(100);
        assertThat(p.at("/lambda/batch_size").asInt()).isEqualTo(1);
        assertThat(p.at("/lambda/ephemeral_storage_mb").asInt()).isEqualTo(512);
        assertThat(p.at("/bedrock/model_id").asString()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        assertThat(p.at("/bedrock/output_tokens_per_invocation").asInt()).isEqualTo(100);
        assertThat(p.at("/bedrock/prompt_overhead_tokens").asInt()).isEqualTo(0);
        assertThat(p.at("/bedrock/mode").asString()).isEqualTo("on_demand");
        assertThat(p.get("free_tier").asBoolean()).isFalse();
        assertThat(p.at("/price_overrides/discount_percent").toString()).isEqualTo("{\"sqs\":0,\"lambda\":0,\"bedrock\":0}");
        assertThat(p.at("/price_overrides/bedrock").isNull()).isTrue();

        assertThat(api.get("/api/v1/scenarios/" + s.get("id").asString()).json()).isEqualTo(s);
    }

    @Test
    void regionDefaultsToUsEast1AndPartialPipelineKeepsOtherDefaults() {
        Api.Response r = api.post("/api/v1/scenarios", """
                {"name":"x","pipeline":{"lambda":{"memory_mb":1024,"architecture":"arm64",
                 "duration_model":{"base_ms":20,"per_kb_ms":1.5}},"bedrock":{"mode":"batch"},"free_tier":true}}""");

        JsonNode s = r.json();
        assertThat(s.get("region").asString()).isEqualTo("us-east-1");
        assertThat(s.at("/pipeline/lambda/memory_mb").asInt()).isEqualTo(1024);
        assertThat(s.at("/pipeline/lambda/architecture").asString()).isEqualTo("arm64");
        assertThat(s.at("/pipeline/lambda/duration_model/per_kb_ms").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(s.at("/pipeline/lambda/batch_size").asInt()).isEqualTo(1);
        assertThat(s.at("/pipeline/bedrock/mode").asString()).isEqualTo("batch");
        assertThat(s.at("/pipeline/free_tier").asBoolean()).isTrue();
    }

    @Test
    void walksTheWholeLifecycleRecordingEachTime() {
        String id = createScenario("life", "us-east-1");

        JsonNode running = api.post("/api/v1/scenarios/" + id + "/start").json();
        assertThat(running.get("status").asString()).isEqualTo("running");
        assertThat(running.get("started_at").isNull()).isFalse();

        JsonNode completed = api.post("/api/v1/scenarios/" + id + "/stop").json();
        assertThat(completed.get("status").asString()).isEqualTo("completed");
        assertThat(completed.get("completed_at").isNull()).isFalse();
        assertThat(completed.get("started_at")).isEqualTo(running.get("started_at"));

        JsonNode archived = api.post("/api/v1/scenarios/" + id + "/archive").json();
        assertThat(archived.get("status").asString()).isEqualTo("archived");
        assertThat(archived.get("archived_at").isNull()).isFalse();
    }

    @Test
    void everyIllegalTransitionIs409NamingTheCurrentState() {
        String draft = createScenario("d", "us-east-1");
        assertIllegal(draft, "stop", "draft");
        assertIllegal(draft, "archive", "draft");

        String running = createScenario("r", "us-east-1");
        api.post("/api/v1/scenarios/" + running + "/start");
        assertIllegal(running, "start", "running");
        assertIllegal(running, "archive", "running");

        String completed = createScenario("c", "us-east-1");
        api.post("/api/v1/scenarios/" + completed + "/start");
        api.post("/api/v1/scenarios/" + completed + "/stop");
        assertIllegal(completed, "start", "completed");
        assertIllegal(completed, "stop", "completed");

        api.post("/api/v1/scenarios/" + completed + "/archive");
        assertIllegal(completed, "start", "archived");
        assertIllegal(completed, "stop", "archived");
        assertIllegal(completed, "archive", "archived");
    }

    private void assertIllegal(String id, String action, String current) {
        Api.Response r = api.post("/api/v1/scenarios/" + id + "/" + action);
        assertThat(r.status()).as(action + " from " + current).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("invalid-state-transition");
        assertThat(r.json().get("current_status").asString()).isEqualTo(current);
        assertThat(r.json().get("detail").asString()).contains("it is " + current);
        assertThat(api.get("/api/v1/scenarios/" + id).json().get("status").asString()).isEqualTo(current);
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndReplacesThePipeline() {
        String id = createScenario("""
                {"name":"before","description":"keep me","region":"us-east-1","tags":["a"],
                 "pipeline":{"lambda":{"memory_mb":2048}}}""");

        Api.Response r = api.put("/api/v1/scenarios/" + id, """
                {"name":"after","pipeline":{"bedrock":{"model_id":"amazon.nova-micro-v1:0"}}}""");

        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("name").asString()).isEqualTo("after");
        assertThat(s.get("description").asString()).isEqualTo("keep me");
        assertThat(s.get("tags").toString()).isEqualTo("[\"a\"]");
        assertThat(s.at("/pipeline/bedrock/model_id").asString()).isEqualTo("amazon.nova-micro-v1:0");
        assertThat(s.at("/pipeline/lambda/memory_mb").asInt()).as("pipeline replaced as a whole").isEqualTo(128);
        assertThat(s.get("updated_at").asString()).isGreaterThan(s.get("created_at").asString());
    }

    @Test
    void runningScenarioMayBeReconfiguredButArchivedOneMayNot() {
        String id = createScenario("x", "us-east-1");
        api.post("/api/v1/scenarios/" + id + "/start");
        assertThat(api.put("/api/v1/scenarios/" + id, "{\"region\":\"eu-west-1\"}").status()).isEqualTo(200);
        api.post("/api/v1/scenarios/" + id + "/stop");
        api.post("/api/v1/scenarios/" + id + "/archive");

        Api.Response r = api.put("/api/v1/scenarios/" + id, "{\"name\":\"changed\"}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("scenario-archived");
        assertThat(api.get("/api/v1/scenarios/" + id).json().get("name").asString()).isEqualTo("x");
    }

    @Test
    void runningScenarioCannotBeDeleted() {
        String id = createScenario("x", "us-east-1");
        api.post("/api/v1/scenarios/" + id + "/start");

        Api.Response r = api.delete("/api/v1/scenarios/" + id);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("scenario-running");
        assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheScenarioWithItsEventsAndMetrics() {
        String id = createScenario("x", "us-east-1");
        String other = createScenario("other", "us-east-1");
        for (String s : new String[] {id, other}) {
            jdbc.sql("""
                    INSERT INTO scenario_logs (scenario_id, received_at, message_hash, preview, size_bytes, sqs_blocks,
                                               token_count, char_count)
                    VALUES (:id, now(), decode(repeat('ab', 32), 'hex'), 'p', 1, 1, 1, 1)""")
                    .param("id", UUID.fromString(s)).update();
            jdbc.sql("INSERT INTO scenario_metrics (scenario_id, minute, events) VALUES (:id, date_trunc('minute', now()), 1)")
                    .param("id", UUID.fromString(s)).update();
        }

        assertThat(api.delete("/api/v1/scenarios/" + id).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(404);
        assertThat(count("scenario_logs", id)).isZero();
        assertThat(count("scenario_metrics", id)).isZero();
        assertThat(count("scenario_logs", other)).isEqualTo(1);
        assertThat(count("scenario_metrics", other)).isEqualTo(1);
        assertThat(api.delete("/api/v1/scenarios/" + id).status()).isEqualTo(404);
    }

    private long count(String table, String scenarioId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE scenario_id = :id")
                .param("id", UUID.fromString(scenarioId)).query(Long.class).single();
    }

    @Test
    void aModelOfThePriceBookAndPriceOverridesAreStored() {
        Api.Response r = api.post("/api/v1/scenarios", """
                {"name":"nova","pipeline":{"bedrock":{"model_id":"amazon.nova-micro-v1:0"},
                 "price_overrides":{"discount_percent":{"sqs":10,"bedrock":15},"bedrock":{"input_per_million":0.2}}}}""");

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode p = r.json().get("pipeline");
        assertThat(p.at("/bedrock/model_id").asString()).isEqualTo("amazon.nova-micro-v1:0");
        assertThat(p.at("/price_overrides/discount_percent").toString()).isEqualTo("{\"sqs\":10,\"lambda\":0,\"bedrock\":15}");
        assertThat(p.at("/price_overrides/bedrock/input_per_million").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(p.at("/price_overrides/bedrock/output_per_million").isNull()).isTrue();
    }
}
