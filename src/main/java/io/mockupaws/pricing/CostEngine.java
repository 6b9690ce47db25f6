package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Traffic + pipeline config + resolved prices → exact costs.
 *
 * <p>{@link #price} computes the usage of every window, groups it by the calendar month (UTC) of the window's
 * start, prices every month on its own (tiers and free tier are monthly) and adds the months up. A window is never
 * split: a window straddling midnight of the last day of a month belongs to the month it starts in.
 * {@link #priceMonth} prices a usage figure taken as one month's, e.g. a projection ({@link #projectMonth}).
 */
public final class CostEngine {

    /** AWS's pricing convention for "a month": 730 hours. */
    public static final Duration MONTH = Duration.ofHours(730);

    private final UsageCalculator usageCalculator;
    private final CostCalculator costCalculator;

    public CostEngine() {
        this(new UsageCalculator(), new CostCalculator());
    }

    public CostEngine(UsageCalculator usageCalculator, CostCalculator costCalculator) {
        this.usageCalculator = Objects.requireNonNull(usageCalculator, "usageCalculator");
        this.costCalculator = Objects.requireNonNull(costCalculator, "costCalculator");
    }

    /** Prices the windows month by month and sums the months. No windows → a zero report. */
    public CostReport price(List<WindowTraffic> windows, PipelineConfig cfg, PriceSheet prices) {
        Objects.requireNonNull(prices, "price sheet");
        return priceMonths(usageByMonth(windows, cfg), cfg, prices);
    }

    /**
     * Prices each calendar month's usage on its own (tiers and free tier are monthly) and sums the months; lines
     * carry their month. No months → a zero report.
     */
    public CostReport priceMonths(SortedMap<YearMonth, Usage> months, PipelineConfig cfg, PriceSheet prices) {
        Objects.requireNonNull(months, "months");
        Objects.requireNonNull(prices, "price sheet");
        if (months.isEmpty()) return priceMonth(Usage.ZERO, cfg, prices);

        Usage total = Usage.ZERO;
        List<ServiceCost> services = null;
        for (Map.Entry<YearMonth, Usage> month : months.entrySet()) {
            total = total.plus(month.getValue());
            List<ServiceCost> priced = costCalculator.price(month.getValue(), cfg, prices).stream()
                    .map(s -> s.inMonth(month.getKey())).toList();
            services = services == null ? priced : add(services, priced);
        }
        return report(total, services, prices);
    }

    /** Prices {@code usage} as the usage of one calendar month (lines carry no month). */
    public CostReport priceMonth(Usage usage, PipelineConfig cfg, PriceSheet prices) {
        Objects.requireNonNull(prices, "price sheet");
        return report(usage, costCalculator.price(usage, cfg, prices), prices);
    }

    /**
     * Projects usage observed over {@code observed} to a 730-hour month, then prices it (usage is projected, never
     * a cost): usage × 730 h / observed.
     */
    public CostReport projectMonth(Usage observed, Duration observedSpan, PipelineConfig cfg, PriceSheet prices) {
        return priceMonth(projectToMonth(observed, observedSpan), cfg, prices);
    }

    /** usage × 730 h / span (span in nanoseconds, so no precision is lost on the time side). */
    public static Usage projectToMonth(Usage observed, Duration observedSpan) {
        Objects.requireNonNull(observed, "observed usage");
        Objects.requireNonNull(observedSpan, "observed span");
        if (observedSpan.isNegative() || observedSpan.isZero()) {
            throw new IllegalArgumentException("observed span must be positive, was " + observedSpan);
        }
        return observed.scaled(new BigDecimal(MONTH.toNanos()), new BigDecimal(observedSpan.toNanos()));
    }

    /** Usage of every window, summed per calendar month (UTC) of the window start, months in order. */
    public SortedMap<YearMonth, Usage> usageByMonth(List<WindowTraffic> windows, PipelineConfig cfg) {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(cfg, "pipeline config");
        SortedMap<YearMonth, Usage> months = new TreeMap<>();
        for (WindowTraffic w : windows) {
            Objects.requireNonNull(w, "window");
            YearMonth month = YearMonth.from(w.start().atOffset(ZoneOffset.UTC));
            months.merge(month, usageCalculator.usage(w, cfg), Usage::plus);
        }
        return months;
    }

    private static List<ServiceCost> add(List<ServiceCost> a, List<ServiceCost> b) {
        List<ServiceCost> sum = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) sum.add(a.get(i).plus(b.get(i)));
        return sum;
    }

    private static CostReport report(Usage usage, List<ServiceCost> services, PriceSheet prices) {
        BigDecimal total = services.stream().map(ServiceCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CostReport(usage, services, total, prices.version());
    }
}
