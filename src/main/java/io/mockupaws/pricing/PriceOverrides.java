package io.mockupaws.pricing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.math.BigDecimal;
import java.util.List;

/**
 * A scenario's own prices on top of the list prices of the book: a negotiated discount per service and a custom
 * Bedrock model price ({@code pipeline.price_overrides}).
 *
 * <pre>
 * {"discount_percent": {"sqs": 10, "lambda": 0, "bedrock": 15},
 *  "bedrock": {"input_per_million": 0.2, "output_per_million": 1.0}}
 * </pre>
 *
 * Applied when the price sheet is resolved ({@link #apply}), never inside the engine, so every line of a bill
 * shows the price it was actually multiplied by. A discount multiplies every list price of its service by
 * {@code 1 − percent/100} (tiers keep their ranges; free-tier credits are priced at the discounted price too, as they
 * are the same units). A custom Bedrock price is the price paid: it replaces the book's on-demand price and is not
 * discounted again; batch mode still halves it.
 */
public record PriceOverrides(@Valid DiscountPercent discountPercent, @Valid BedrockPrices bedrock) {

    /** List prices, unchanged. */
    public static final PriceOverrides NONE = new PriceOverrides(null, null);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PriceOverrides {
        if (discountPercent == null) discountPercent = new DiscountPercent(null, null, null);
    }

    /** Percent off the list price per service, 0..100 (default 0). */
    public record DiscountPercent(
            @DecimalMin("0") @DecimalMax("100") BigDecimal sqs,
            @DecimalMin("0") @DecimalMax("100") BigDecimal lambda,
            @DecimalMin("0") @DecimalMax("100") BigDecimal bedrock) {
        public DiscountPercent {
            if (sqs == null) sqs = BigDecimal.ZERO;
            if (lambda == null) lambda = BigDecimal.ZERO;
            if (bedrock == null) bedrock = BigDecimal.ZERO;
        }
    }

    /** USD per 1,000,000 tokens; a price left out (null) keeps the book's. */
    public record BedrockPrices(
            @DecimalMin("0") BigDecimal inputPerMillion,
            @DecimalMin("0") BigDecimal outputPerMillion) {}

    /** True when {@link #apply} changes nothing. */
    public boolean changesNothing() {
        return discountPercent.sqs().signum() == 0 && discountPercent.lambda().signum() == 0
                && discountPercent.bedrock().signum() == 0
                && (bedrock == null || (bedrock.inputPerMillion() == null && bedrock.outputPerMillion() == null));
    }

    /** The sheet with these overrides applied; the version says so. */
    public PriceSheet apply(PriceSheet list) {
        if (changesNothing()) return list;
        BigDecimal sqs = factor(discountPercent.sqs());
        BigDecimal lambda = factor(discountPercent.lambda());
        BigDecimal bedrockFactor = factor(discountPercent.bedrock());
        UnitPrice input = custom(bedrock == null ? null : bedrock.inputPerMillion(), list.bedrockInputTokens(), bedrockFactor);
        UnitPrice output = custom(bedrock == null ? null : bedrock.outputPerMillion(), list.bedrockOutputTokens(), bedrockFactor);
        return new PriceSheet(list.region(), list.version() + "+overrides",
                times(list.sqsRequestTiers(), sqs),
                list.lambdaRequest().times(lambda),
                times(list.lambdaDurationTiers(), lambda),
                list.lambdaEphemeralStorage().times(lambda),
                input, output, list.freeTier());
    }

    private static UnitPrice custom(BigDecimal perMillion, UnitPrice listPrice, BigDecimal discount) {
        if (perMillion != null) return new UnitPrice(perMillion, BigDecimal.valueOf(1_000_000), listPrice.unit());
        return listPrice.times(discount);
    }

    private static List<PriceTier> times(List<PriceTier> tiers, BigDecimal factor) {
        return tiers.stream().map(t -> new PriceTier(t.beginRange(), t.endRange(), t.price().times(factor))).toList();
    }

    /** 1 − percent/100, exact (percent/100 always terminates). */
    private static BigDecimal factor(BigDecimal percent) {
        return BigDecimal.ONE.subtract(percent.divide(HUNDRED));
    }
}
