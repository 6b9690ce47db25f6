package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cost of one service and the lines it is the exact sum of (enforced), never negative.
 *
 * @param service "sqs", "lambda" or "bedrock"
 */
public record ServiceCost(String service, BigDecimal cost, List<LineItem> lines) {

    public static final String SQS = "sqs";
    public static final String LAMBDA = "lambda";
    public static final String BEDROCK = "bedrock";

    public ServiceCost {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(cost, "cost");
        lines = List.copyOf(lines);
        BigDecimal sum = lines.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (cost.compareTo(sum) != 0) {
            throw new IllegalArgumentException(service + ": cost " + cost.toPlainString()
                    + " is not the sum of its lines " + sum.toPlainString());
        }
        if (cost.signum() < 0) {
            throw new IllegalArgumentException(service + ": cost must not be negative, was " + cost.toPlainString());
        }
    }

    /** A service cost whose cost is the sum of {@code lines}. */
    public static ServiceCost of(String service, List<LineItem> lines) {
        return new ServiceCost(service, lines.stream().map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines);
    }

    /** Costs added, lines concatenated (used to sum the months of a period). */
    public ServiceCost plus(ServiceCost other) {
        if (!service.equals(other.service)) {
            throw new IllegalArgumentException("cannot add " + other.service + " cost to " + service + " cost");
        }
        List<LineItem> all = new ArrayList<>(lines);
        all.addAll(other.lines);
        return new ServiceCost(service, cost.add(other.cost), all);
    }

    /** The same cost with every line attributed to {@code month}. */
    public ServiceCost inMonth(YearMonth month) {
        return new ServiceCost(service, cost, lines.stream().map(l -> l.inMonth(month)).toList());
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceCost o
                && Money.same(cost, o.cost)
                && Objects.equals(service, o.service)
                && Objects.equals(lines, o.lines);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(cost);
        h = 31 * h + Objects.hashCode(service);
        h = 31 * h + Objects.hashCode(lines);
        return h;
    }
}
