package io.mockupaws.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad request is a 4xx problem+json with a stable code and the offending field named; nothing is written. */
class ScenarioErrorsTest extends ApiTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"name":""}                                                      | name
            {"name":"   "}                                                   | name
            {}                                                               | name
            {"name":"x","region":"us-east1"}                                 | region
            {"name":"x","region":"mars-1"}                                   | region
            {"name":"x","description":null,"tags":["ok",""]}                 | tags[1]
            {"name":"x","tags":["bad\\u0000tag"]}                            | tags[0]
            {"name":"x","pipeline":{"sqs":{"send_batch_size":0}}}            | pipeline.sqs.send_batch_size
            {"name":"x","pipeline":{"sqs":{"send_batch_size":11}}}           | pipeline.sqs.send_batch_size
            {"name":"x","pipeline":{"lambda":{"memory_mb":127}}}             | pipeline.lambda.memory_mb
            {"name":"x","pipeline":{"lambda":{"memory_mb":10241}}}           | pipeline.lambda.memory_mb
            {"name":"x","pipeline":{"lambda":{"duration_ms":0}}}             | pipeline.lambda.duration_ms
            {"name":"x","pipeline":{"lambda":{"batch_size":0}}}              | pipeline.lambda.batch_size
            {"name":"x","pipeline":{"lambda":{"batch_size":10001}}}          | pipeline.lambda.batch_size
            {"name":"x","pipeline":{"lambda":{"ephemeral_storage_mb":511}}}  | pipeline.lambda.ephemeral_storage_mb
            {"name":"x","pipeline":{"lambda":{"ephemeral_storage_mb":10241}}}| pipeline.lambda.ephemeral_storage_mb
            {"name":"x","pipeline":{"lambda":{"duration_model":{"base_ms":-1}}}} | pipeline.lambda.duration_model.base_ms
            {"name":"x","pipeline":{"bedrock":{"output_tokens_per_invocation":-1}}} | pipeline.bedrock.output_tokens_per_invocation
            {"name":"x","pipeline":{"bedrock":{"prompt_overhead_tokens":-5}}}  | pipeline.bedrock.prompt_overhead_tokens
            {"name":"x","pipeline":{"bedrock":{"model_id":""}}}              | pipeline.bedrock.model_id
            {"name":"x","pipeline":{"lambda":{"architecture":"sparc"}}}      | pipeline.lambda.architecture
            {"name":"x","pipeline":{"sqs":{"queue_type":"priority"}}}        | pipeline.sqs.queue_type
            {"name":"x","pipeline":{"bedrock":{"mode":"cheap"}}}             | pipeline.bedrock.mode
            {"name":"x","pipeline":{"lambda":{"memory_mb":"big"}}}           | pipeline.lambda.memory_mb
            {"name":"x","pipeline":{"lambda":{"memory_mb":128.5}}}           | pipeline.lambda.memory_mb
            {"name":"x","tags":"not-a-list"}                                 | tags
            {"name":"x","color":"red"}                                       | color
            {"name":"x","pipeline":{"lambda":{"memroy_mb":256}}}             | pipeline.lambda.memroy_mb
            {"name":"x","pipeline":{"region":"us-east-1"}}                   | pipeline.region
            {"name":"x","pipeline":{"bedrock":{"model_id":"openai.gpt-9"}}}  | pipeline.bedrock.model_id
            {"name":"x","pipeline":{"price_overrides":{"discount_percent":{"sqs":101}}}}      | pipeline.price_overrides.discount_percent.sqs
            {"name":"x","pipeline":{"price_overrides":{"discount_percent":{"bedrock":-1}}}}   | pipeline.price_overrides.discount_percent.bedrock
            {"name":"x","pipeline":{"price_overrides":{"bedrock":{"input_per_million":-0.1}}}} | pipeline.price_overrides.bedrock.input_per_million
            {"name":"x","pipeline":{"price_overrides":{"bedrock":{"output_per_million":"cheap"}}}} | pipeline.price_overrides.bedrock.output_per_million
            {"name":"x","pipeline":{"price_overrides":{"discount":{"sqs":5}}}}   | pipeline.price_overrides.discount
            """)
    void invalidCreateIs422NamingTheField(String body, String field) {
        Api.Response r = api.post("/api/v1/scenarios", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("validation-failed");
        assertThat(r.json().get("errors").toString()).contains("\"field\":\"" + field + "\"");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.mockupaws");
        assertThat(jdbc.sql("SELECT count(*) FROM scenarios").query(Long.class).single()).isZero();
    }

    @Test
    void nameLongerThan255IsRejectedAndExactly255Accepted() {
        assertThat(api.post("/api/v1/scenarios", "{\"name\":\"" + "n".repeat(256) + "\"}").status()).isEqualTo(422);
        assertThat(api.post("/api/v1/scenarios", "{\"name\":\"" + "n".repeat(255) + "\"}").status()).isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"x",
            {"name": x}
            not json at all
            {"name":"x"} trailing
            {"name":"a","name":"b"}
            """)
    void malformedJsonIs400(String body) {
        Api.Response r = api.post("/api/v1/scenarios", body);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.code()).isIn("malformed-json", "unreadable-body");
        assertThat(jdbc.sql("SELECT count(*) FROM scenarios").query(Long.class).single()).isZero();
    }

    @Test
    void emptyBodyIs400() {
        Api.Response r = api.post("/api/v1/scenarios", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrongMediaTypeIs415() {
        Api.Response r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scenarios"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.code()).isEqualTo("unsupported-media-type");
    }

    @Test
    void malformedUuidInPathIs400OnEveryRoute() {
        for (Api.Response r : new Api.Response[] {
                api.get("/api/v1/scenarios/not-a-uuid"),
                api.put("/api/v1/scenarios/123", "{\"name\":\"x\"}"),
                api.delete("/api/v1/scenarios/zzz"),
                api.post("/api/v1/scenarios/1%27%20OR%201=1/start")}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("invalid-parameter");
        }
    }

    @Test
    void unknownIdIs404OnEveryRoute() {
        String id = UUID.randomUUID().toString();
        for (Api.Response r : new Api.Response[] {
                api.get("/api/v1/scenarios/" + id),
                api.put("/api/v1/scenarios/" + id, "{\"name\":\"x\"}"),
                api.delete("/api/v1/scenarios/" + id),
                api.post("/api/v1/scenarios/" + id + "/start"),
                api.post("/api/v1/scenarios/" + id + "/stop"),
                api.post("/api/v1/scenarios/" + id + "/archive")}) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.code()).isEqualTo("scenario-not-found");
        }
    }

    @Test
    void invalidUpdateChangesNothing() {
        String id = createScenario("keep", "us-east-1");

        assertThat(api.put("/api/v1/scenarios/" + id, "{\"name\":\"\"}").status()).isEqualTo(422);
        assertThat(api.put("/api/v1/scenarios/" + id, "{\"region\":\"nowhere\"}").status()).isEqualTo(422);
        assertThat(api.put("/api/v1/scenarios/" + id, "{\"pipeline\":{\"lambda\":{\"batch_size\":0}}}").status()).isEqualTo(422);
        assertThat(api.put("/api/v1/scenarios/" + id, "{\"status\":\"running\"}").status()).isEqualTo(422);
        Api.Response unknownModel = api.put("/api/v1/scenarios/" + id, "{\"pipeline\":{\"bedrock\":{\"model_id\":\"x.y\"}}}");
        assertThat(unknownModel.status()).isEqualTo(422);
        assertThat(unknownModel.json().get("errors").toString()).contains("pipeline.bedrock.model_id");

        var s = api.get("/api/v1/scenarios/" + id).json();
        assertThat(s.get("name").asString()).isEqualTo("keep");
        assertThat(s.get("status").asString()).isEqualTo("draft");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            page=0                     | page
            page=abc                   | page
            page_size=0                | page_size
            page_size=101              | page_size
            sort_by=password           | sort_by
            sort_order=sideways        | sort_order
            status=deleted             | status
            region=moon-1              | region
            created_from=yesterday     | created_from
            created_to=2026-13-01      | created_to
            """)
    void invalidListParametersAre400(String query, String parameter) {
        Api.Response r = api.get("/api/v1/scenarios?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid-parameter");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() {
        Api.Response missing = api.get("/api/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not-found");

        Api.Response method = api.send(HttpRequest.newBuilder(api.uri("/api/v1/scenarios"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("method-not-allowed");
    }

    @Test
    void sqlInjectionInSearchIsJustText() {
        createScenario("alpha", "us-east-1");
        Api.Response r = api.get("/api/v1/scenarios?search=%27%3B%20DROP%20TABLE%20scenarios%3B--");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/scenarios").json().get("total").asLong()).isEqualTo(1);
    }
}
