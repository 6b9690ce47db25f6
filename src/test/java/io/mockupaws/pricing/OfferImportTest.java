package io.mockupaws.pricing;

import static io.mockupaws.support.PriceBookFixture.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mockupaws.support.ApiTest;
import io.mockupaws.support.PriceBookFixture;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The importer on offer files with the real AWS Price List structure (src/test/resources/offers). */
class OfferImportTest extends ApiTest {

    @Autowired
    PriceBook book;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void restoreTheDefaultBook() {
        PriceBookFixture.restoreDefaults(dataSource);
    }

    private ImportReport.OfferResult importFile(String name, String... regions) {
        return book.importOffers(List.of(source(name)), Set.of(regions)).offers().getFirst();
    }

    private static PriceBook.OfferSource source(String name) {
        return new PriceBook.OfferSource(name, () -> Files.newInputStream(offer(name)));
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM prices").query(Long.class).single();
    }

    private String snapshot() {
        return jdbc.sql("SELECT string_agg(concat_ws('|', service, region, dimension, variant, tier_start, tier_end, "
                + "price_per_unit, effective_from, effective_to), ',' ORDER BY id) FROM prices").query(String.class).single();
    }

    @Test
    void sqsFreeTierRangeIsNotStoredAndEqualPricesInAnotherFormAreUnchanged() {
        ImportReport.OfferResult r = importFile("AWSQueueService-20260601.json");

        // us-east-1 standard: [0,1M) $0 dropped, then 0.0000004 per request = the seeded 0.40 per 1M → unchanged
        assertThat(r.unchanged()).isEqualTo(1);
        // us-east-1 FIFO was flat 0.50/1M in the default book; the offer has three tiers → changed
        assertThat(r.changed()).singleElement().satisfies(c -> {
            assertThat(c.variant()).isEqualTo("fifo");
            assertThat(c.after()).hasSize(3);
            assertThat(c.after().getFirst().tierStart()).isEqualByComparingTo("0");
            assertThat(c.after().getFirst().tierEnd()).isEqualByComparingTo("100000000000");
            assertThat(c.effectiveFrom()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        });
        // eu-west-1 (named by location only): standard and FIFO added
        assertThat(r.added()).extracting(ImportReport.PriceChange::region, ImportReport.PriceChange::variant)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("eu-west-1", "fifo"),
                        org.assertj.core.groups.Tuple.tuple("eu-west-1", "standard"));
        assertThat(r.regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(r.skipped()).anyMatch(s -> s.contains("Standard nor FIFO")).anyMatch(s -> s.contains("API request price"));
        assertThat(jdbc.sql("SELECT count(*) FROM prices WHERE price_per_unit = 0").query(Long.class).single()).isZero();
    }

    @Test
    void theSameFileTwiceChangesNothing() {
        importFile("AWSLambda-20260601.json");
        String after = snapshot();

        ImportReport.OfferResult again = importFile("AWSLambda-20260601.json");

        assertThat(again.added()).isEmpty();
        assertThat(again.changed()).isEmpty();
        assertThat(again.unchanged()).isEqualTo(again.priceGroups()).isEqualTo(12);
        assertThat(snapshot()).isEqualTo(after);
    }

    @Test
    void lambdaPipelineUsageTypesOnlyAndTheSeededUsEast1PricesAreUnchanged() {
        ImportReport.OfferResult r = importFile("AWSLambda-20260601.json");

        assertThat(r.priceGroups()).isEqualTo(12); // 2 regions × (requests, compute, storage) × 2 architectures
        assertThat(r.unchanged()).isEqualTo(6);   // us-east-1 equals COST-MODEL.md
        assertThat(r.added()).hasSize(6).allSatisfy(c -> assertThat(c.region()).isEqualTo("eu-west-1"));
        // provisioned concurrency, Lambda@Edge and the Global-Request free-tier product
        assertThat(r.skipped()).containsExactly("6 products: Lambda usage type is not part of the pipeline");
        var arm = jdbc.sql("""
                        SELECT tier_start, tier_end, price_per_unit FROM prices WHERE region = 'eu-west-1'
                          AND service = 'lambda' AND dimension = 'compute GB-seconds' AND variant = 'arm64'
                        ORDER BY tier_start""").query().listOfRows();
        assertThat(arm).hasSize(3);
        assertThat(arm.get(1).get("tier_start").toString()).isEqualTo("7500000000");
    }

    @Test
    void aChangedPriceClosesTheOldRowAndOpensANewOne() {
        importFile("AmazonBedrock-20260601.json");
        ImportReport.OfferResult v2 = importFile("AmazonBedrock-20261001.json");

        assertThat(v2.changed()).extracting(ImportReport.PriceChange::dimension)
                .containsExactlyInAnyOrder("input tokens", "output tokens");
        assertThat(v2.changed()).allSatisfy(c -> {
            assertThat(c.variant()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
            assertThat(c.region()).isEqualTo("us-east-1");
            assertThat(c.effectiveFrom()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
        });
        var rows = jdbc.sql("""
                        SELECT price_per_unit, unit_quantity, effective_from, effective_to FROM prices
                        WHERE region = 'us-east-1' AND variant = 'anthropic.claude-3-haiku-20240307-v1:0'
                          AND dimension = 'input tokens' ORDER BY effective_from""").query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("effective_to").toString()).startsWith("2026-10-01");
        assertThat(rows.get(1).get("effective_to")).isNull();
        assertThat(rows.get(1).get("price_per_unit").toString()).isEqualTo("0.0002000000");
        assertThat(rows.get(1).get("unit_quantity").toString()).isEqualTo("1000");

        // the price in force depends on the instant asked
        PipelineConfig cfg = PipelineConfig.defaults();
        assertThat(book.resolve("us-east-1", cfg, Instant.parse("2026-09-30T23:59:59Z")).sheet().bedrockInputTokens()
                .costOf(java.math.BigDecimal.valueOf(1_000_000))).isEqualByComparingTo("0.25");
        assertThat(book.resolve("us-east-1", cfg, Instant.parse("2026-10-01T00:00:00Z")).sheet().bedrockInputTokens()
                .costOf(java.math.BigDecimal.valueOf(1_000_000))).isEqualByComparingTo("0.20");
    }

    @Test
    void anOlderOfferAfterANewerOneIsRefusedAndNothingIsWritten() {
        importFile("AmazonBedrock-20261001.json");
        String before = snapshot();

        assertThatThrownBy(() -> importFile("AmazonBedrock-20260601.json"))
                .isInstanceOf(OfferFileException.class)
                .hasMessageContaining("not after the price in force since 2026-10-01T00:00:00Z");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void bedrockKeepsOnDemandTokenPricesOfKnownModelsPerThousandTokens() {
        ImportReport.OfferResult r = importFile("AmazonBedrock-20260601.json");

        assertThat(r.skipped()).anyMatch(s -> s.contains("Bedrock model not in the price book: Mistral Large"))
                .anyMatch(s -> s.contains("On-demand Inference"));
        // eu-west-1 Nova Micro is dearer than us-east-1: region lookup picks the region's own price
        PipelineConfig nova = new PipelineConfig(null, null,
                new PipelineConfig.Bedrock("amazon.nova-micro-v1:0", null, null, null), null);
        assertThat(book.resolve("eu-west-1", withLambdaAndSqs(nova), Instant.now()).sheet().bedrockInputTokens()
                .costOf(java.math.BigDecimal.valueOf(1_000_000))).isEqualByComparingTo("0.046");
        assertThat(book.resolve("us-east-1", nova, Instant.now()).sheet().bedrockInputTokens()
                .costOf(java.math.BigDecimal.valueOf(1_000_000))).isEqualByComparingTo("0.035");
    }

    private PipelineConfig withLambdaAndSqs(PipelineConfig cfg) {
        // eu-west-1 needs SQS and Lambda prices too
        importFile("AWSQueueService-20260601.json");
        importFile("AWSLambda-20260601.json");
        return cfg;
    }

    @Test
    void theRegionFilterImportsOnlyTheGivenRegions() {
        ImportReport.OfferResult r = importFile("AWSLambda-20260601.json", "eu-west-1");

        assertThat(r.regions()).containsExactly("eu-west-1");
        assertThat(r.added()).hasSize(6);
        assertThat(r.unchanged()).isZero();
        assertThat(r.skipped()).anyMatch(s -> s.contains("region not requested"));
    }

    @Test
    void anUnrelatedOfferIsRefusedBeforeAnythingIsWritten() {
        long before = rows();

        assertThatThrownBy(() -> importFile("AmazonEC2-excerpt.json"))
                .isInstanceOf(OfferFileException.class)
                .hasMessageContaining("offer 'AmazonEC2' is not priced by mockupAWS");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void notJsonAndTruncatedJsonAreMalformed() {
        assertThatThrownBy(() -> importFile("not-json.json")).isInstanceOf(OfferFileException.class)
                .satisfies(e -> assertThat(((OfferFileException) e).code()).isEqualTo("malformed-offer-file"))
                .hasMessageContaining("not-json.json: not valid JSON");
        assertThatThrownBy(() -> importFile("truncated.json")).isInstanceOf(OfferFileException.class)
                .satisfies(e -> assertThat(((OfferFileException) e).code()).isEqualTo("malformed-offer-file"));
    }

    @Test
    void filesOfOneImportAreAllOrNothing() {
        String before = snapshot();

        assertThatThrownBy(() -> book.importOffers(List.of(source("AWSLambda-20260601.json"), source("truncated.json")),
                Set.of())).isInstanceOf(OfferFileException.class).hasMessageStartingWith("truncated.json");

        assertThat(snapshot()).isEqualTo(before);
    }
}
