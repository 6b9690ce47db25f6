package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceSheetTest {

    private static final UnitPrice P = UnitPrice.perMillion("0.40", "requests");

    private static PriceSheet sheetWithSqsTiers(List<PriceTier> tiers) {
        return new PriceSheet("us-east-1", "v1", tiers, P, DefaultPrices.LAMBDA_X86_64,
                DefaultPrices.LAMBDA_EPHEMERAL_STORAGE, P, P, FreeTier.AWS_DEFAULTS);
    }

    @Test
    void validTiersAreAccepted() {
        assertThat(sheetWithSqsTiers(DefaultPrices.SQS_STANDARD).sqsRequestTiers()).hasSize(3);
        assertThat(sheetWithSqsTiers(List.of(PriceTier.flat(P))).sqsRequestTiers()).hasSize(1);
    }

    @Test
    void emptyTiers() {
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqsRequestTiers: at least one price tier is required");
    }

    @Test
    void firstTierMustBeginAtZero() {
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of(new PriceTier(bd("1"), null, P))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqsRequestTiers: the first tier must begin at 0, begins at 1");
    }

    @Test
    void gapBetweenTiers() {
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of(
                new PriceTier(BigDecimal.ZERO, bd("100"), P), new PriceTier(bd("200"), null, P))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqsRequestTiers: tiers must be sorted and contiguous; tier 1 begins at 200 but tier 0 ends at 100");
    }

    @Test
    void unsortedTiers() {
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of(
                new PriceTier(bd("100"), null, P), new PriceTier(BigDecimal.ZERO, bd("100"), P))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the first tier must begin at 0");
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of(
                new PriceTier(BigDecimal.ZERO, bd("100"), P), new PriceTier(bd("200"), bd("300"), P),
                new PriceTier(bd("100"), bd("200"), P), new PriceTier(bd("300"), null, P))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sorted and contiguous");
    }

    @Test
    void lastTierMustBeOpenEnded() {
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of(new PriceTier(BigDecimal.ZERO, bd("100"), P))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqsRequestTiers: the last tier must be open-ended (endRange null), ends at 100");
    }

    @Test
    void openEndedTierMustBeLast() {
        assertThatThrownBy(() -> sheetWithSqsTiers(List.of(PriceTier.flat(P), new PriceTier(bd("100"), null, P))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sqsRequestTiers: tier 0 is open-ended but is not the last tier");
    }

    @Test
    void emptyOrInvertedTierRange() {
        assertThatThrownBy(() -> new PriceTier(bd("100"), bd("100"), P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be greater than beginRange");
    }

    @Test
    void negativePricesAreRejected() {
        assertThatThrownBy(() -> new PriceTier(BigDecimal.ZERO, null, UnitPrice.perMillion("-0.40", "requests")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pricePerUnit must be >= 0");
    }

    @Test
    void lambdaTiersAreValidatedToo() {
        assertThatThrownBy(() -> new PriceSheet("us-east-1", "v1", DefaultPrices.SQS_STANDARD, P,
                List.of(new PriceTier(BigDecimal.ZERO, bd("6000000000"), P)),
                DefaultPrices.LAMBDA_EPHEMERAL_STORAGE, P, P, FreeTier.AWS_DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("lambdaDurationTiers:");
    }

    @Test
    void missingPriceIsNamed() {
        assertThatThrownBy(() -> new PriceSheet("eu-west-3", "v7", DefaultPrices.SQS_STANDARD, P,
                DefaultPrices.LAMBDA_X86_64, DefaultPrices.LAMBDA_EPHEMERAL_STORAGE, null, P, FreeTier.AWS_DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price sheet eu-west-3/v7 has no bedrockInputTokens price");
    }

    @Test
    void tiersAreCopiedImmutably() {
        var tiers = new java.util.ArrayList<>(List.of(PriceTier.flat(P)));
        PriceSheet sheet = sheetWithSqsTiers(tiers);
        tiers.clear();
        assertThat(sheet.sqsRequestTiers()).hasSize(1);
    }
}
