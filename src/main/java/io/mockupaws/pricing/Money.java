package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Money and quantity arithmetic helpers of the cost engine.
 *
 * <p>The engine never rounds: additions and multiplications of {@link BigDecimal} are exact. The only places where
 * a division cannot always terminate are isolated here ({@link #divide}) and use {@link MathContext#DECIMAL128}
 * (34 significant digits, HALF_EVEN) <em>only</em> when the exact quotient does not terminate. With the AWS price
 * book this never happens in pricing: unit quantities are powers of ten (1, 1,000, 1,000,000).
 *
 * <p>Rounding happens only for display, through {@link #display(BigDecimal, int)}.
 */
public final class Money {

    /** Decimals of money figures in the API. */
    public static final int API_DECIMALS = 6;
    /** Decimals of totals in reports. */
    public static final int REPORT_DECIMALS = 2;
    /**
     * Display rounding: HALF_UP ("commercial" rounding, 0.005 → 0.01, symmetric for negatives: −0.005 → −0.01).
     * This is what a reader of an invoice expects; HALF_EVEN (banker's rounding) would surprise a human checking
     * a figure by hand, and display values are never summed again.
     */
    public static final RoundingMode DISPLAY_ROUNDING = RoundingMode.HALF_UP;
    /** Used only where an exact quotient does not terminate (see class comment). */
    public static final MathContext DIVISION_CONTEXT = MathContext.DECIMAL128;

    private Money() {}

    /**
     * The figure rounded to {@code decimals} places with {@link #DISPLAY_ROUNDING}, e.g. {@code display(x, 6)} for
     * the API or {@code display(x, 2)} for report totals. Never feed the result back into the engine.
     */
    public static BigDecimal display(BigDecimal value, int decimals) {
        Objects.requireNonNull(value, "value");
        if (decimals < 0) throw new IllegalArgumentException("decimals must be >= 0, was " + decimals);
        return value.setScale(decimals, DISPLAY_ROUNDING);
    }

    /** {@link #display(BigDecimal, int)} with {@link #API_DECIMALS}. */
    public static BigDecimal api(BigDecimal value) {
        return display(value, API_DECIMALS);
    }

    /** {@link #display(BigDecimal, int)} with {@link #REPORT_DECIMALS}. */
    public static BigDecimal report(BigDecimal value) {
        return display(value, REPORT_DECIMALS);
    }

    /**
     * {@code dividend / divisor}: exact when the quotient terminates (e.g. any divisor that is 2^a·5^b), otherwise
     * correct to 34 significant digits ({@link #DIVISION_CONTEXT}).
     */
    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        if (divisor.signum() == 0) throw new ArithmeticException("division by zero");
        try {
            return dividend.divide(divisor);
        } catch (ArithmeticException nonTerminating) {
            return dividend.divide(divisor, DIVISION_CONTEXT);
        }
    }

    /** Numeric equality (scale-insensitive: 0.40 equals 0.4), null-safe. Used by the records' equals. */
    static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /** A hash consistent with {@link #same}. */
    static int hash(BigDecimal a) {
        return a == null ? 0 : a.stripTrailingZeros().hashCode();
    }

    static BigDecimal requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) throw new IllegalArgumentException(name + " must be >= 0, was " + value.toPlainString());
        return value;
    }
}
