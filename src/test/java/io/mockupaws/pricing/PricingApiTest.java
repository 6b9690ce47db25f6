package io.mockupaws.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.PriceBookFixture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/pricing, GET /api/v1/pricing/models and POST /api/v1/pricing/import end to end. */
class PricingApiTest extends ApiTest {

    @Autowired
    DataSource dataSource;

    @AfterEach
    void restoreTheDefaultBook() {
        PriceBookFixture.restoreDefaults(dataSource);
    }

    @Test
    void theSeededBookIsCostModelMdInUsEast1() {
        Api.Response response = api.get("/api/v1/pricing?region=us-east-1&service=lambda");
        JsonNode r = response.json();

        assertThat(r.get("prices")).hasSize(2 + 3 + 3 + 2);
        JsonNode x86Tier2 = null;
        for (JsonNode p : r.get("prices")) {
            assertThat(p.get("source").asString()).startsWith("https://aws.amazon.com/lambda/pricing/");
            assertThat(p.get("effective_from").asString()).isEqualTo("2025-01-01T00:00:00Z");
            assertThat(p.get("effective_to").isNull()).isTrue();
            if (p.get("variant").asString().equals("x86_64") && p.get("dimension").asString().startsWith("compute")
                    && p.get("tier_start").asString().equals("6000000000")) x86Tier2 = p;
        }
        assertThat(x86Tier2).isNotNull();
        assertThat(x86Tier2.get("tier_end").toString()).isEqualTo("15000000000");
        assertThat(x86Tier2.get("price_per_unit").decimalValue()).isEqualByComparingTo("0.000015");
        assertThat(response.body()).contains("\"price_per_unit\":0.000015,").doesNotContain("E-"); // plain JSON numbers
        assertThat(x86Tier2.get("unit").asString()).isEqualTo("GB-seconds");
    }

    @Test
    void beforeTheSeedTheBookIsEmptyAndAnUnknownRegionHasNothing() {
        assertThat(api.get("/api/v1/pricing?at=2024-12-31").json().get("prices")).isEmpty();
        assertThat(api.get("/api/v1/pricing?region=eu-central-1").json().get("prices")).isEmpty();
        assertThat(api.get("/api/v1/pricing").json().get("prices")).hasSize(32);
    }

    @Test
    void modelsNameTheirTokenizerAndSayCountsAreEstimates() {
        JsonNode r = api.get("/api/v1/pricing/models").json();

        assertThat(r.get("models")).hasSize(9);
        assertThat(r.get("tokens").asString()).contains("estimates");
        for (JsonNode m : r.get("models")) {
            assertThat(m.get("tokens_exact").asBoolean()).isFalse();
            assertThat(m.get("regions").toString()).isEqualTo("[\"us-east-1\"]");
            String expected = m.get("provider").asString().equals("Amazon") ? "chars/4" : "cl100k_base";
            assertThat(m.get("tokenizer").asString()).as(m.toString()).isEqualTo(expected);
        }
    }

    @Test
    void importingThroughTheApiReportsWhatChanged() {
        Api.Response first = adminApi().post("/api/v1/pricing/import", PriceBookFixture.offerText("AmazonBedrock-20260601.json"));
        Api.Response again = adminApi().post("/api/v1/pricing/import", PriceBookFixture.offerText("AmazonBedrock-20260601.json"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode o = first.json().get("offers").get(0);
        assertThat(o.get("offer_code").asString()).isEqualTo("AmazonBedrock");
        assertThat(o.get("added")).hasSize(4); // eu-west-1: Claude 3 Haiku and Nova Micro, input and output
        assertThat(o.get("unchanged").asInt()).isEqualTo(6);
        assertThat(again.json().get("offers").get(0).get("added")).isEmpty();
        assertThat(api.get("/api/v1/pricing/models").json().get("models").toString())
                .contains("\"regions\":[\"eu-west-1\",\"us-east-1\"]");
    }

    @Test
    void theRegionParameterFiltersAnApiImport() {
        Api.Response r = adminApi().post("/api/v1/pricing/import?region=eu-west-1",
                PriceBookFixture.offerText("AWSLambda-20260601.json"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("offers").get(0).get("regions").toString()).isEqualTo("[\"eu-west-1\"]");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({
            "AmazonEC2-excerpt.json, 422, unsupported-offer",
            "not-json.json,          400, malformed-offer-file",
            "truncated.json,         400, malformed-offer-file"})
    void aBadOfferFileIsAProblemAndWritesNothing(String file, int status, String code) {
        long before = jdbc.sql("SELECT count(*) FROM prices").query(Long.class).single();

        Api.Response r = adminApi().post("/api/v1/pricing/import", PriceBookFixture.offerText(file));

        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception");
        assertThat(jdbc.sql("SELECT count(*) FROM prices").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void jsonThatIsNotAnOfferIsNamed() {
        Api.Response r = adminApi().post("/api/v1/pricing/import", "{\"formatVersion\":\"v1.0\",\"offerCode\":\"AWSLambda\"}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("invalid-offer-file");
        assertThat(r.json().get("detail").asString()).contains("no products");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/pricing?service=ec2            | service
            /api/v1/pricing?region=us-east1        | region
            /api/v1/pricing?at=yesterday           | at
            /api/v1/pricing/models?at=2026-13-01   | at""")
    void badParametersAre400NamingTheParameter(String path, String parameter) {
        Api.Response r = api.get(path);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("invalid-parameter");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
    }

    @org.junit.jupiter.api.Test
    void onlyAdministratorsChangeThePriceBookThatEveryTenantShares() {
        Api.Response r = api.post("/api/v1/pricing/import", PriceBookFixture.offerText("AmazonBedrock-20260601.json"));
        org.assertj.core.api.Assertions.assertThat(r.status()).isEqualTo(403);
        org.assertj.core.api.Assertions.assertThat(api.get("/api/v1/pricing/models").status()).isEqualTo(200);
    }
}
