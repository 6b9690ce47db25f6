package io.mockupaws.insights;

import io.mockupaws.insights.InsightsViews.LineView;
import io.mockupaws.insights.InsightsViews.Point;
import io.mockupaws.insights.InsightsViews.ServiceBreakdown;
import io.mockupaws.insights.InsightsViews.Summary;
import io.mockupaws.insights.InsightsViews.UnitPriceView;
import io.mockupaws.pricing.CostReport;
import io.mockupaws.pricing.LineItem;
import io.mockupaws.pricing.Money;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.PriceSheet;
import io.mockupaws.pricing.PriceTier;
import io.mockupaws.pricing.ResolvedPrices;
import io.mockupaws.pricing.ServiceCost;
import io.mockupaws.pricing.TrafficSums;
import io.mockupaws.pricing.UnitPrice;
import io.mockupaws.pricing.Usage;
import io.mockupaws.pricing.UsageCalculator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Stored traffic of a window priced with a config: the months' usage and exact bill, the window's totals, and the
 * time-series buckets. Turns itself into the API's views; all rounding happens here, for display only.
 */
record PricedTraffic(PipelineConfig cfg, ResolvedPrices prices, SortedMap<YearMonth, Usage> months,
                     CostReport report, Totals totals, List<MetricsRepository.Row> buckets,
                     Map<YearMonth, Map<CostDriver, BigDecimal>> rates) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The window's sums that are not usage: events, bytes, 64 KiB blocks, characters and PII counts. */
    record Totals(BigDecimal events, BigDecimal bytes, BigDecimal sqsBlocks, BigDecimal piiEvents, BigDecimal[] piiByType) {

        static Totals of(List<MetricsRepository.Row> monthRows) {
            BigDecimal[] pii = new BigDecimal[MetricsRepository.PII_TYPES.size()];
            Arrays.fill(pii, BigDecimal.ZERO);
            long events = 0, bytes = 0, blocks = 0, piiEvents = 0;
            for (MetricsRepository.Row r : monthRows) {
                events += r.events();
                bytes += r.bytes();
                blocks += r.sqsBlocks();
                piiEvents += r.piiEvents();
                for (int i = 0; i < pii.length; i++) pii[i] = pii[i].add(BigDecimal.valueOf(r.piiByType()[i]));
            }
            return new Totals(BigDecimal.valueOf(events), BigDecimal.valueOf(bytes), BigDecimal.valueOf(blocks),
                    BigDecimal.valueOf(piiEvents), pii);
        }

        /** × numerator / denominator, for a projection (blocks and PII scale with the events). */
        Totals scaled(BigDecimal numerator, BigDecimal denominator) {
            BigDecimal[] pii = new BigDecimal[piiByType.length];
            for (int i = 0; i < pii.length; i++) pii[i] = scale(piiByType[i], numerator, denominator);
            return new Totals(scale(events, numerator, denominator), scale(bytes, numerator, denominator),
                    scale(sqsBlocks, numerator, denominator), scale(piiEvents, numerator, denominator), pii);
        }

        private static BigDecimal scale(BigDecimal v, BigDecimal numerator, BigDecimal denominator) {
            return v.multiply(numerator).divide(denominator, MathContext.DECIMAL128);
        }
    }

    static TrafficSums sums(MetricsRepository.Row r) {
        return new TrafficSums(r.events(), r.sendRequests(), r.invocations(), r.billedMs(), r.inputTokens());
    }

    static YearMonth month(java.time.Instant start) {
        return YearMonth.from(start.atOffset(ZoneOffset.UTC));
    }

    /** Per month and driver: the driver's amount in the month (tiers and credits) / its quantity. */
    static Map<YearMonth, Map<CostDriver, BigDecimal>> rates(CostReport report, SortedMap<YearMonth, Usage> months) {
        Map<YearMonth, Map<CostDriver, BigDecimal>> rates = new LinkedHashMap<>();
        months.forEach((month, usage) -> {
            Map<CostDriver, BigDecimal> byDriver = new EnumMap<>(CostDriver.class);
            for (CostDriver d : CostDriver.values()) {
                BigDecimal amount = BigDecimal.ZERO;
                for (ServiceCost s : report.services()) {
                    for (LineItem l : s.lines()) {
                        if (month.equals(l.month()) && d.produced(s, l)) amount = amount.add(l.amount());
                    }
                }
                BigDecimal quantity = d.quantity.apply(usage);
                byDriver.put(d, quantity.signum() == 0 ? BigDecimal.ZERO : amount.divide(quantity, MathContext.DECIMAL128));
            }
            rates.put(month, byDriver);
        });
        return rates;
    }

    Summary summary() {
        return summary(report.usage(), totals, report.total());
    }

    static Summary summary(Usage usage, Totals totals, BigDecimal total) {
        Map<String, BigDecimal> pii = new LinkedHashMap<>();
        for (int i = 0; i < totals.piiByType().length; i++) {
            pii.put(MetricsRepository.PII_TYPES.get(i), plain(totals.piiByType()[i]));
        }
        BigDecimal events = usage.events();
        // no traffic → 0, never a division by zero
        BigDecimal avg = events.signum() == 0 ? BigDecimal.ZERO : total.divide(events, MathContext.DECIMAL128);
        return new Summary(plain(events), Money.api(total), plain(totals.sqsBlocks()), plain(usage.sqsRequests()),
                plain(usage.lambdaInvocations()), plain(usage.lambdaGbSeconds()), plain(usage.inputTokens()),
                plain(usage.outputTokens()), plain(usage.inputTokens().add(usage.outputTokens())),
                plain(totals.piiEvents()), pii, Money.api(avg));
    }

    List<ServiceBreakdown> breakdown() {
        return breakdown(report, prices);
    }

    static List<ServiceBreakdown> breakdown(CostReport report, ResolvedPrices prices) {
        List<ServiceBreakdown> out = new ArrayList<>();
        Usage u = report.usage();
        for (ServiceCost s : report.services()) {
            Map<String, BigDecimal> usage = new LinkedHashMap<>();
            switch (s.service()) {
                case ServiceCost.SQS -> {
                    usage.put("send_requests", plain(u.sqsSendRequests()));
                    usage.put("consumer_requests", plain(u.sqsConsumerRequests()));
                    usage.put("requests", plain(u.sqsRequests()));
                }
                case ServiceCost.LAMBDA -> {
                    usage.put("invocations", plain(u.lambdaInvocations()));
                    usage.put("billed_duration_ms", plain(u.lambdaBilledDurationMs()));
                    usage.put("gb_seconds", plain(u.lambdaGbSeconds()));
                    usage.put("ephemeral_storage_gb_seconds", plain(u.lambdaStorageGbSeconds()));
                }
                default -> {
                    usage.put("input_tokens", plain(u.inputTokens()));
                    usage.put("output_tokens", plain(u.outputTokens()));
                }
            }
            List<LineView> lines = s.lines().stream().map(l -> new LineView(l.month(), l.dimension(), plain(l.quantity()),
                    plain(l.unitPrice().pricePerUnit()), plain(l.unitPrice().unitQuantity()), l.unitPrice().unit(),
                    Money.api(l.amount()))).toList();
            out.add(new ServiceBreakdown(s.service(), Money.api(s.cost()),
                    Money.display(report.percentage(s), 2), usage, unitPrices(s.service(), prices), lines));
        }
        return out;
    }

    private static List<UnitPriceView> unitPrices(String service, ResolvedPrices prices) {
        PriceSheet p = prices.sheet();
        PriceSheet list = prices.listSheet();
        List<UnitPriceView> views = new ArrayList<>();
        switch (service) {
            case ServiceCost.SQS -> tiers(views, PriceBook.REQUESTS, p.sqsRequestTiers(), list.sqsRequestTiers());
            case ServiceCost.LAMBDA -> {
                views.add(flat(PriceBook.REQUESTS, p.lambdaRequest(), list.lambdaRequest()));
                tiers(views, PriceBook.COMPUTE, p.lambdaDurationTiers(), list.lambdaDurationTiers());
                views.add(flat(PriceBook.STORAGE, p.lambdaEphemeralStorage(), list.lambdaEphemeralStorage()));
            }
            default -> {
                views.add(flat(PriceBook.INPUT_TOKENS, p.bedrockInputTokens(), list.bedrockInputTokens()));
                views.add(flat(PriceBook.OUTPUT_TOKENS, p.bedrockOutputTokens(), list.bedrockOutputTokens()));
            }
        }
        return views;
    }

    private static void tiers(List<UnitPriceView> views, String dimension, List<PriceTier> tiers, List<PriceTier> list) {
        for (int i = 0; i < tiers.size(); i++) {
            PriceTier t = tiers.get(i);
            views.add(new UnitPriceView(tiers.size() == 1 ? dimension : dimension + " tier " + (i + 1),
                    plain(t.beginRange()), t.endRange() == null ? null : plain(t.endRange()),
                    plain(t.price().pricePerUnit()), plain(t.price().unitQuantity()), t.price().unit(),
                    plain(list.get(i).price().pricePerUnit())));
        }
    }

    private static UnitPriceView flat(String dimension, UnitPrice price, UnitPrice list) {
        return new UnitPriceView(dimension, BigDecimal.ZERO, null, plain(price.pricePerUnit()), plain(price.unitQuantity()),
                price.unit(), plain(list.pricePerUnit()));
    }

    /** A bucket of the series: its usage, and its cost at its month's average price per driver. */
    Point point(MetricsRepository.Row r, UsageCalculator calculator) {
        Usage u = calculator.usage(sums(r), cfg);
        Map<CostDriver, BigDecimal> monthRates = rates.getOrDefault(month(r.start()), Map.of());
        Map<String, BigDecimal> byService = new LinkedHashMap<>();
        for (String s : List.of(ServiceCost.SQS, ServiceCost.LAMBDA, ServiceCost.BEDROCK)) byService.put(s, BigDecimal.ZERO);
        BigDecimal total = BigDecimal.ZERO;
        for (CostDriver d : CostDriver.values()) {
            BigDecimal cost = d.quantity.apply(u).multiply(monthRates.getOrDefault(d, BigDecimal.ZERO));
            byService.merge(d.service, cost, BigDecimal::add);
            total = total.add(cost);
        }
        byService.replaceAll((k, v) -> Money.api(v));
        return new Point(r.start(), r.events(), r.bytes(), plain(u.sqsRequests()), plain(u.lambdaInvocations()),
                plain(u.lambdaGbSeconds()), plain(u.inputTokens()), plain(u.outputTokens()), r.piiEvents(),
                Money.api(total), byService);
    }

    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : Money.display(part.multiply(HUNDRED).divide(whole, MathContext.DECIMAL128), 2);
    }

    /** Exact, without trailing zeros or exponent. */
    static BigDecimal plain(BigDecimal v) {
        if (v == null) return null;
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
