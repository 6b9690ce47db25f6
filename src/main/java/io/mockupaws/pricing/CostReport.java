package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The priced usage of a period: total usage, one {@link ServiceCost} per service (in the order sqs, lambda,
 * bedrock), the exact total (enforced: Σ service costs) and the price book version used.
 *
 * <p>For a period spanning several calendar months, {@code usage} is the sum of the months' usage while each
 * month was priced separately (monthly tiers and free tier); the lines carry their month.
 */
public record CostReport(Usage usage, List<ServiceCost> services, BigDecimal total, String priceVersion) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public CostReport {
        Objects.requireNonNull(usage, "usage");
        services = List.copyOf(services);
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(priceVersion, "priceVersion");
        BigDecimal sum = services.stream().map(ServiceCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(sum) != 0) {
            throw new IllegalArgumentException("total " + total.toPlainString() + " is not the sum of the service costs "
                    + sum.toPlainString());
        }
    }

    /** The service's cost, by name ("sqs", "lambda", "bedrock"). */
    public ServiceCost service(String name) {
        return services.stream().filter(s -> s.service().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service '" + name + "' in this report"));
    }

    /**
     * {@code cost / total × 100}, 0 when the total is 0. A share is generally a non-terminating decimal (1/3), so it
     * is computed to 34 significant digits (DECIMAL128); it is a display figure, never priced again.
     */
    public BigDecimal percentage(ServiceCost service) {
        Objects.requireNonNull(service, "service");
        if (total.signum() == 0) return BigDecimal.ZERO;
        return Money.divide(service.cost().multiply(HUNDRED), total);
    }

    /** {@link #percentage(ServiceCost)} by service name. */
    public BigDecimal percentage(String service) {
        return percentage(service(service));
    }

    /** Numeric (scale-insensitive) equality of the amounts: 0.40 equals 0.4, as for the prices they are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CostReport o
                && Money.same(total, o.total)
                && Objects.equals(usage, o.usage)
                && Objects.equals(services, o.services)
                && Objects.equals(priceVersion, o.priceVersion);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + Money.hash(total);
        h = 31 * h + Objects.hashCode(usage);
        h = 31 * h + Objects.hashCode(services);
        h = 31 * h + Objects.hashCode(priceVersion);
        return h;
    }
}
