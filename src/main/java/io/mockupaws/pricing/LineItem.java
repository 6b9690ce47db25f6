package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One derivable line of a bill: {@code amount = quantity × unitPrice.pricePerUnit / unitPrice.unitQuantity}
 * (enforced). Free-tier credits are lines with a negative quantity, hence a negative amount.
 *
 * @param month     calendar month (UTC) the line was priced in, or {@code null} for a priced projection / single
 *                  usage figure that is not tied to a month
 * @param dimension what is billed, e.g. "requests", "compute GB-seconds (free tier)", "input tokens (batch 50 %)"
 * @param quantity  units charged on this line (negative for a credit)
 * @param unitPrice the price applied (for a tier line: the tier's price; in batch mode: 50 % of on-demand)
 * @param tier      the tier the units fell into, or {@code null} for a flat price
 * @param amount    USD, exact
 */
public record LineItem(
        YearMonth month,
        String dimension,
        BigDecimal quantity,
        UnitPrice unitPrice,
        PriceTier tier,
        BigDecimal amount) {

    public LineItem {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(amount, "amount");
        BigDecimal expected = unitPrice.costOf(quantity);
        if (amount.compareTo(expected) != 0) {
            throw new IllegalArgumentException("line '" + dimension + "': amount " + amount.toPlainString()
                    + " is not quantity × price = " + expected.toPlainString());
        }
    }

    /** The line {@code quantity × unitPrice}. */
    public static LineItem of(String dimension, BigDecimal quantity, UnitPrice unitPrice, PriceTier tier) {
        return new LineItem(null, dimension, quantity, unitPrice, tier, unitPrice.costOf(quantity));
    }

    /** The same line attributed to {@code month}. */
    public LineItem inMonth(YearMonth month) {
        return new LineItem(month, dimension, quantity, unitPrice, tier, amount);
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LineItem o
                && Money.same(quantity, o.quantity)
                && Money.same(amount, o.amount)
                && Objects.equals(month, o.month)
                && Objects.equals(dimension, o.dimension)
                && Objects.equals(unitPrice, o.unitPrice)
                && Objects.equals(tier, o.tier);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(quantity);
        h = 31 * h + Money.hash(amount);
        h = 31 * h + Objects.hashCode(month);
        h = 31 * h + Objects.hashCode(dimension);
        h = 31 * h + Objects.hashCode(unitPrice);
        h = 31 * h + Objects.hashCode(tier);
        return h;
    }
}
