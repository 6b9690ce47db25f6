package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price as AWS publishes it: {@code pricePerUnit} USD per {@code unitQuantity} units of {@code unit}, e.g.
 * 0.25 USD per 1,000,000 tokens or 0.0000004 USD per 1 request. Carrying the unit quantity explicitly makes a
 * per-1K / per-1M mix-up impossible: both forms of the same price give the same cost.
 *
 * @param pricePerUnit USD, >= 0
 * @param unitQuantity how many units the price is for, > 0
 * @param unit         what is counted ("requests", "GB-seconds", "tokens", …)
 */
public record UnitPrice(BigDecimal pricePerUnit, BigDecimal unitQuantity, String unit) {

    public UnitPrice {
        Money.requireNonNegative(pricePerUnit, "pricePerUnit");
        Objects.requireNonNull(unitQuantity, "unitQuantity");
        if (unitQuantity.signum() <= 0) {
            throw new IllegalArgumentException("unitQuantity must be > 0, was " + unitQuantity.toPlainString());
        }
        Objects.requireNonNull(unit, "unit");
        if (unit.isBlank()) throw new IllegalArgumentException("unit must not be blank");
    }

    /** {@code price} USD per {@code quantity} {@code unit}, from decimal strings (no binary floating point). */
    public static UnitPrice of(String price, String quantity, String unit) {
        return new UnitPrice(new BigDecimal(price), new BigDecimal(quantity), unit);
    }

    /** {@code price} USD per one {@code unit}. */
    public static UnitPrice perUnit(String price, String unit) {
        return of(price, "1", unit);
    }

    /** {@code price} USD per 1,000,000 {@code unit}. */
    public static UnitPrice perMillion(String price, String unit) {
        return of(price, "1000000", unit);
    }

    /**
     * {@code quantity × pricePerUnit / unitQuantity}: exact when the quotient terminates (always for unit quantities
     * that are powers of ten), otherwise 34 significant digits (see {@link Money}). A negative quantity (a free-tier
     * credit) gives a negative amount.
     */
    public BigDecimal costOf(BigDecimal quantity) {
        Objects.requireNonNull(quantity, "quantity");
        return Money.divide(quantity.multiply(pricePerUnit), unitQuantity);
    }

    /** The same price with {@code pricePerUnit × factor}, e.g. 0.5 for Bedrock batch inference. */
    public UnitPrice times(BigDecimal factor) {
        return new UnitPrice(pricePerUnit.multiply(factor), unitQuantity, unit);
    }

    /** e.g. "0.25 USD / 1000000 tokens". */
    @Override
    public String toString() {
        return pricePerUnit.toPlainString() + " USD / " + unitQuantity.toPlainString() + " " + unit;
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UnitPrice o
                && Money.same(pricePerUnit, o.pricePerUnit)
                && Money.same(unitQuantity, o.unitQuantity)
                && Objects.equals(unit, o.unit);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(pricePerUnit);
        h = 31 * h + Money.hash(unitQuantity);
        h = 31 * h + Objects.hashCode(unit);
        return h;
    }
}
