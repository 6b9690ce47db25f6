package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One volume tier: the units of a month's quantity lying in {@code [beginRange, endRange)} are charged
 * {@code price}. Ranges are in the counted unit (requests, GB-seconds), not in the price's unit quantity, exactly
 * like {@code beginRange}/{@code endRange} of the AWS Price List.
 *
 * @param beginRange first unit of the tier, >= 0
 * @param endRange   end of the tier (exclusive), or {@code null} for an open-ended (last) tier
 */
public record PriceTier(BigDecimal beginRange, BigDecimal endRange, UnitPrice price) {

    public PriceTier {
        Money.requireNonNegative(beginRange, "beginRange");
        Objects.requireNonNull(price, "price");
        if (endRange != null && endRange.compareTo(beginRange) <= 0) {
            throw new IllegalArgumentException("tier endRange " + endRange.toPlainString()
                    + " must be greater than beginRange " + beginRange.toPlainString());
        }
    }

    /** A single tier from 0 to infinity. */
    public static PriceTier flat(UnitPrice price) {
        return new PriceTier(BigDecimal.ZERO, null, price);
    }

    /** The part of {@code quantity} that falls into this tier: clamp(quantity − begin, 0, end − begin). */
    public BigDecimal unitsOf(BigDecimal quantity) {
        BigDecimal above = quantity.subtract(beginRange);
        if (above.signum() <= 0) return BigDecimal.ZERO;
        return endRange == null ? above : above.min(endRange.subtract(beginRange));
    }

    @Override
    public String toString() {
        return "[" + beginRange.toPlainString() + ", " + (endRange == null ? "∞" : endRange.toPlainString()) + ") @ " + price;
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PriceTier o
                && Money.same(beginRange, o.beginRange)
                && Money.same(endRange, o.endRange)
                && Objects.equals(price, o.price);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(beginRange);
        h = 31 * h + Money.hash(endRange);
        h = 31 * h + Objects.hashCode(price);
        return h;
    }
}
