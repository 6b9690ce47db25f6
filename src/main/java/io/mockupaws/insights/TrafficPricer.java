package io.mockupaws.insights;

import io.mockupaws.pricing.CostEngine;
import io.mockupaws.pricing.CostReport;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.ResolvedPrices;
import io.mockupaws.pricing.Usage;
import io.mockupaws.pricing.UsageCalculator;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Prices the stored traffic of a window with a config: one SQL aggregation (months, and buckets for a series), each
 * calendar month priced on its own by the cost engine, with the book's prices in force at {@code at}.
 */
@Component
class TrafficPricer {

    private final MetricsRepository metrics;
    private final PriceBook book;
    private final UsageCalculator usageCalculator = new UsageCalculator();
    private final CostEngine engine = new CostEngine();

    TrafficPricer(MetricsRepository metrics, PriceBook book) {
        this.metrics = metrics;
        this.book = book;
    }

    UsageCalculator usageCalculator() {
        return usageCalculator;
    }

    CostEngine engine() {
        return engine;
    }

    /** @param bucket minute, hour or day for a time series; null for none */
    PricedTraffic price(UUID scenarioId, String region, PipelineConfig cfg, TokenPlan tokens, Instant from, Instant to,
                        String bucket, Instant at) {
        ResolvedPrices prices = book.resolve(region, cfg, at);
        PipelineConfig.Lambda lambda = cfg.lambda();
        PipelineConfig.DurationModel model = lambda.durationModel();
        List<MetricsRepository.Row> rows = metrics.aggregate(new MetricsRepository.Query(scenarioId, from, to,
                lambda.batchSize(), cfg.sqs().sendBatchSize(), model == null ? lambda.durationMs() : null,
                model == null ? null : model.baseMs(), model == null ? null : model.perKbMs(), tokens.charsPerToken(),
                bucket));
        SortedMap<YearMonth, Usage> months = new TreeMap<>();
        List<MetricsRepository.Row> monthRows = new ArrayList<>();
        List<MetricsRepository.Row> buckets = new ArrayList<>();
        for (MetricsRepository.Row r : rows) {
            if (r.month()) {
                monthRows.add(r);
                months.put(PricedTraffic.month(r.start()), usageCalculator.usage(PricedTraffic.sums(r), cfg));
            } else {
                buckets.add(r);
            }
        }
        buckets.sort(Comparator.comparing(MetricsRepository.Row::start));
        CostReport report = engine.priceMonths(months, cfg, prices.sheet());
        return new PricedTraffic(cfg, prices, months, report, PricedTraffic.Totals.of(monthRows), buckets,
                PricedTraffic.rates(report, months));
    }
}
