package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.bd;
import static io.mockupaws.pricing.Fixtures.cfg;
import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.pricing.PipelineConfig.BedrockMode;
import org.junit.jupiter.api.Test;

/** Per-scenario prices are applied to the resolved sheet; the engine then prices as usual. */
class PriceOverridesTest {

    private final PriceSheet list = DefaultPrices.sheet(PipelineConfig.defaults());

    private static PriceOverrides overrides(String sqs, String lambda, String bedrock, String in, String out) {
        return new PriceOverrides(new PriceOverrides.DiscountPercent(bd(sqs), bd(lambda), bd(bedrock)),
                in == null && out == null ? null
                        : new PriceOverrides.BedrockPrices(in == null ? null : bd(in), out == null ? null : bd(out)));
    }

    @Test
    void noOverridesIsTheListSheetItself() {
        assertThat(PriceOverrides.NONE.apply(list)).isSameAs(list);
        assertThat(overrides("0", "0", "0", null, null).apply(list)).isSameAs(list);
    }

    @Test
    void aDiscountScalesEveryTierOfItsServiceAndKeepsTheRanges() {
        PriceSheet s = overrides("10", "25", "0", null, null).apply(list);

        assertThat(s.sqsRequestTiers()).hasSize(3);
        assertThat(s.sqsRequestTiers().get(1).beginRange()).isEqualByComparingTo("100000000000");
        assertThat(s.sqsRequestTiers().get(0).price().costOf(bd("1000000"))).isEqualByComparingTo("0.36");
        assertThat(s.sqsRequestTiers().get(2).price().costOf(bd("1000000"))).isEqualByComparingTo("0.216");
        assertThat(s.lambdaRequest().costOf(bd("1000000"))).isEqualByComparingTo("0.15");
        assertThat(s.lambdaDurationTiers().get(0).price().pricePerUnit()).isEqualByComparingTo("0.000012500025");
        assertThat(s.lambdaEphemeralStorage().pricePerUnit()).isEqualByComparingTo("0.000000023175");
        assertThat(s.bedrockInputTokens()).isEqualTo(list.bedrockInputTokens());
        assertThat(s.version()).isEqualTo(list.version() + "+overrides");
        assertThat(s.freeTier()).isEqualTo(list.freeTier());
    }

    @Test
    void aCustomModelPriceReplacesTheBookPriceAndIsNotDiscountedAgain() {
        PriceSheet s = overrides("0", "0", "15", "0.2", null).apply(list);

        assertThat(s.bedrockInputTokens().costOf(bd("1000000"))).isEqualByComparingTo("0.2");
        assertThat(s.bedrockOutputTokens().costOf(bd("1000000"))).isEqualByComparingTo("1.0625"); // 1.25 × 0.85
    }

    @Test
    void theEngineBillsTheOverriddenPricesAndBatchHalvesACustomPrice() {
        PipelineConfig batch = cfg().mode(BedrockMode.BATCH).build();
        PriceSheet s = overrides("0", "0", "0", "0.2", "1.0").apply(DefaultPrices.sheet(batch));
        Usage usage = Fixtures.usage().inputTokens("1000000").outputTokens("1000000").build();

        ServiceCost bedrock = new CostCalculator().bedrock(usage, batch, s);

        assertThat(bedrock.cost()).isEqualByComparingTo("0.6"); // (0.2 + 1.0) × 0.5
    }

    @Test
    void aHundredPercentDiscountMakesTheServiceFree() {
        PriceSheet s = overrides("100", "0", "0", null, null).apply(list);
        Usage usage = Fixtures.usage().sqsSend("5000000").build();

        assertThat(new CostCalculator().sqs(usage, PipelineConfig.defaults(), s).cost()).isEqualByComparingTo("0");
    }
}
