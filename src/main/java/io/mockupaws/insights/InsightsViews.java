package io.mockupaws.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceOverrides;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Response bodies of the insights API. Money is a JSON number rounded to 6 decimals (HALF_UP) for display; prices
 * and quantities are exact (plain decimals), so every amount can be recomputed by hand as quantity × price.
 */
final class InsightsViews {

    private InsightsViews() {}

    /** Half-open window [from, to) of the traffic read; null ends = no traffic and none asked. */
    record Window(Instant from, Instant to) {}

    /**
     * @param priceBookVersion {@code <region>@<latest effective_from of the rows used>}
     * @param overrides        the config's price overrides (list prices when none)
     */
    record PricingInfo(String region, Instant at, String priceBookVersion, PriceOverrides overrides) {}

    /**
     * @param tokenizer   the tokenizer of the model priced
     * @param countedWith the tokenizer ingest counted the stored tokens with
     * @param estimated   true unless the count is the model's own exact tokenizer's
     * @param method      how the figure was obtained
     */
    record TokenInfo(String tokenizer, String countedWith, boolean estimated, String method) {}

    record Summary(BigDecimal totalRequests, BigDecimal totalCostUsd, BigDecimal sqsBlocks, BigDecimal sqsRequests,
                   BigDecimal lambdaInvocations, BigDecimal lambdaGbSeconds, BigDecimal llmInputTokens,
                   BigDecimal llmOutputTokens, BigDecimal llmTokens, BigDecimal piiViolations,
                   Map<String, BigDecimal> piiByType, BigDecimal avgCostPerRequest) {}

    /** A price the bill multiplied: tier [tier_start, tier_end) in monthly units, per unit_quantity units. */
    record UnitPriceView(String dimension, BigDecimal tierStart, BigDecimal tierEnd, BigDecimal pricePerUnit,
                         BigDecimal unitQuantity, String unit, BigDecimal listPricePerUnit) {}

    /** amount_usd = quantity × price_per_unit / unit_quantity (exact amount rounded for display). */
    record LineView(YearMonth month, String dimension, BigDecimal quantity, BigDecimal pricePerUnit,
                    BigDecimal unitQuantity, String unit, BigDecimal amountUsd) {}

    record ServiceBreakdown(String service, BigDecimal costUsd, BigDecimal percentage, Map<String, BigDecimal> usage,
                            List<UnitPriceView> unitPrices, List<LineView> lines) {}

    /** One bucket of the series; its cost is its usage at its month's average price per dimension. */
    record Point(Instant start, long events, long bytes, BigDecimal sqsRequests, BigDecimal lambdaInvocations,
                 BigDecimal lambdaGbSeconds, BigDecimal llmInputTokens, BigDecimal llmOutputTokens, long piiEvents,
                 BigDecimal costUsd, Map<String, BigDecimal> costByService) {}

    /** What an estimate re-priced with; nothing of it is saved. */
    record WhatIf(String region, PipelineConfig pipeline, boolean saved) {}

    record Metrics(UUID scenarioId, Window window, String granularity, PricingInfo pricing, TokenInfo tokens,
                   Summary summary, List<ServiceBreakdown> costBreakdown, List<Point> timeseries,
                   @JsonInclude(JsonInclude.Include.NON_NULL) WhatIf whatIf) {}

    // --- projection -------------------------------------------------------------------------------------------

    record Observed(Instant from, Instant to, BigDecimal hours, Summary summary) {}

    /**
     * Trend of events per bucket (least squares), extrapolated over the next 730 hours, with a t-based 95 %
     * prediction interval for the month's total; usage per event as observed, then priced.
     */
    record Prediction(String method, String bucket, int points, BigDecimal slopeEventsPerBucket,
                      BigDecimal predictedEvents, BigDecimal predictedEventsLow, BigDecimal predictedEventsHigh,
                      BigDecimal costUsd, BigDecimal costUsdLow, BigDecimal costUsdHigh) {}

    record Projection(UUID scenarioId, String period, int hours, Observed observed, PricingInfo pricing,
                      TokenInfo tokens, Summary projectedSummary, List<ServiceBreakdown> costBreakdown,
                      Prediction prediction, String predictionUnavailable) {}

    // --- compare ----------------------------------------------------------------------------------------------

    record Delta(BigDecimal absoluteUsd, BigDecimal percent) {}

    record ScenarioCost(UUID scenarioId, String name, String region, Summary summary, Map<String, BigDecimal> costByService,
                        PricingInfo pricing) {}

    record ScenarioDelta(UUID scenarioId, Delta total, Map<String, Delta> services) {}

    record Comparison(UUID baselineId, Window window, List<ScenarioCost> scenarios, List<ScenarioDelta> deltas) {}

    // --- sources ----------------------------------------------------------------------------------------------

    record SourceView(String source, long events, long bytes, long sqsBlocks, long inputTokens, long piiEvents,
                      BigDecimal costUsd, BigDecimal costSharePercent) {}

    record Sources(UUID scenarioId, BigDecimal totalCostUsd, String allocation, List<SourceView> sources) {}
}
