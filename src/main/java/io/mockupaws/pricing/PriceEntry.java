package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the price book: a tier {@code [tierStart, tierEnd)} (null end = ∞) of a price in force over
 * {@code [effectiveFrom, effectiveTo)}, {@code pricePerUnit} USD per {@code unitQuantity} {@code unit}.
 *
 * @param variant queue type (sqs), architecture (lambda) or model id (bedrock)
 */
public record PriceEntry(
        String service,
        String region,
        String dimension,
        String variant,
        BigDecimal tierStart,
        BigDecimal tierEnd,
        String unit,
        BigDecimal unitQuantity,
        BigDecimal pricePerUnit,
        Instant effectiveFrom,
        Instant effectiveTo,
        String source) {

    public PriceTier tier() {
        return new PriceTier(tierStart, tierEnd, new UnitPrice(pricePerUnit, unitQuantity, unit));
    }
}
