package io.mockupaws.insights;

import io.mockupaws.insights.InsightsViews.Metrics;
import io.mockupaws.insights.InsightsViews.Window;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.pricing.BedrockModel;
import io.mockupaws.pricing.CostEngine;
import io.mockupaws.pricing.Money;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.PriceOverrides;
import io.mockupaws.pricing.Usage;
import io.mockupaws.scenario.Scenario;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Everything a report of a scenario shows, computed by the same code as the insights API (so a report and
 * {@code GET /metrics} agree to the cent): the metrics of a window with its series, the monthly projection, and the
 * cheapest alternatives the cost engine finds for the model, the Lambda architecture and memory. Public records,
 * because the report module renders them; the insights API's own views stay this module's.
 *
 * <p>The caller has checked that the user may see the scenario.
 */
@Service
public class ReportFigures {

    /** Beyond this many hours a chart of hours is unreadable: the PDF's series become daily (the CSV stays hourly). */
    public static final int MAX_HOURLY_CHART_POINTS = 24 * 62;
    /** The Lambda memory sizes a report prices as alternatives. */
    static final List<Integer> MEMORY_OPTIONS = List.of(128, 256, 512, 1024, 2048, 4096);

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final InsightsService insights;
    private final TrafficPricer pricer;
    private final PriceBook book;

    ReportFigures(InsightsService insights, TrafficPricer pricer, PriceBook book) {
        this.insights = insights;
        this.pricer = pricer;
        this.book = book;
    }

    /** [from, to) of the traffic read; both null when the scenario has none and none was asked. */
    public record Period(Instant from, Instant to) {}

    /** Overrides in force: discount percent per service and a custom Bedrock price (USD per 1M tokens), or nulls. */
    public record Pricing(String region, Instant at, String bookVersion, Map<String, BigDecimal> discountPercent,
                          BigDecimal bedrockInputPerMillion, BigDecimal bedrockOutputPerMillion) {}

    public record Tokens(String tokenizer, String countedWith, boolean estimated, String method) {}

    /** Money rounded to 6 decimals for display, quantities exact. */
    public record Summary(BigDecimal events, BigDecimal costUsd, BigDecimal sqsBlocks, BigDecimal sqsRequests,
                          BigDecimal lambdaInvocations, BigDecimal lambdaGbSeconds, BigDecimal inputTokens,
                          BigDecimal outputTokens, BigDecimal piiEvents, Map<String, BigDecimal> piiByType,
                          BigDecimal avgCostPerRequest) {}

    public record UnitPrice(String dimension, BigDecimal tierStart, BigDecimal tierEnd, BigDecimal pricePerUnit,
                            BigDecimal unitQuantity, String unit, BigDecimal listPricePerUnit) {}

    /** {@code amountUsd = quantity × pricePerUnit / unitQuantity}, for the calendar month {@code month}. */
    public record Line(YearMonth month, String dimension, BigDecimal quantity, BigDecimal pricePerUnit,
                       BigDecimal unitQuantity, String unit, BigDecimal amountUsd) {}

    public record ServiceCost(String service, BigDecimal costUsd, BigDecimal percent, Map<String, BigDecimal> usage,
                              List<UnitPrice> unitPrices, List<Line> lines) {}

    public record Point(Instant start, long events, long bytes, BigDecimal sqsRequests, BigDecimal lambdaInvocations,
                        BigDecimal lambdaGbSeconds, BigDecimal inputTokens, BigDecimal outputTokens, long piiEvents,
                        BigDecimal costUsd, Map<String, BigDecimal> costByService) {}

    public record Prediction(String method, int points, String bucket, BigDecimal events, BigDecimal eventsLow,
                             BigDecimal eventsHigh, BigDecimal costUsd, BigDecimal costUsdLow, BigDecimal costUsdHigh) {}

    /** The usage of the window scaled to 730 hours, then priced as one month; and the trend's prediction, if any. */
    public record Projection(BigDecimal observedHours, Summary month, List<ServiceCost> services, Prediction prediction,
                             String predictionUnavailable) {}

    /**
     * One option priced as a month of the observed traffic (usage × 730 h / observed hours, then priced).
     *
     * @param kind          {@code model}, {@code architecture}, {@code memory} or {@code combined}
     * @param savingUsd     what it saves against the scenario's own config (negative: it costs more)
     */
    public record Alternative(String kind, String option, String detail, boolean current, BigDecimal monthlyCostUsd,
                              BigDecimal savingUsd, BigDecimal savingPercent) {}

    public record Figures(Period period, String granularity, Pricing pricing, Tokens tokens, Summary summary,
                          List<ServiceCost> services, List<Point> series, Projection projection,
                          BigDecimal monthlyCostUsd, List<Alternative> alternatives) {}

    /**
     * @param hourly       an hourly series however long the window (the CSV); otherwise daily beyond
     *                     {@link #MAX_HOURLY_CHART_POINTS} hours (the PDF's charts)
     * @param alternatives price the what-if alternatives too (about 17 pricings of the window)
     * @throws ApiException as the insights API does: 422 {@code price-not-found}, 400 {@code too-many-points}
     */
    public Figures figures(Scenario s, Instant from, Instant to, boolean hourly, boolean alternatives) {
        Window w = insights.window(s.id(), from, to);
        boolean traffic = w.from() != null && w.to() != null && w.to().isAfter(w.from());
        Granularity g = hourly || !traffic
                || Duration.between(w.from(), w.to()).toHours() <= MAX_HOURLY_CHART_POINTS ? Granularity.HOUR : Granularity.DAY;
        Metrics m = insights.metrics(s, s.region(), s.pipeline(), w.from(), w.to(), g, null);
        InsightsViews.Projection p = insights.projection(s, w.from(), w.to());
        Instant now = Instant.now();
        BigDecimal monthly = traffic ? monthly(s, s.pipeline(), w, now) : BigDecimal.ZERO;
        return new Figures(new Period(w.from(), w.to()), m.granularity(), pricing(m.pricing()), tokens(m.tokens()),
                summary(m.summary()), services(m.costBreakdown()), m.timeseries().stream().map(ReportFigures::point).toList(),
                traffic ? projection(p) : null, Money.api(monthly),
                alternatives && traffic ? alternatives(s, w, monthly, now) : List.of());
    }

    // --- what-if alternatives ---------------------------------------------------------------------------------

    private List<Alternative> alternatives(Scenario s, Window w, BigDecimal current, Instant now) {
        PipelineConfig cfg = s.pipeline();
        List<Alternative> out = new ArrayList<>();
        Map<String, List<String>> regions = book.modelRegions(now);
        BedrockModel cheapest = null;
        BigDecimal cheapestCost = null;
        List<Alternative> models = new ArrayList<>();
        for (BedrockModel model : book.models()) {
            boolean isCurrent = model.modelId().equals(cfg.bedrock().modelId());
            if (!isCurrent && (model.deprecatedAt() != null && !model.deprecatedAt().isAfter(now)
                    || !regions.getOrDefault(model.modelId(), List.of()).contains(s.region()))) continue;
            BigDecimal cost = isCurrent ? current : price(s, withModel(cfg, model.modelId()), w, now);
            if (cost == null) continue;
            models.add(alternative("model", model.displayName() + " (" + model.provider() + ")", model.modelId(),
                    isCurrent, cost, current));
            if (cheapestCost == null || cost.compareTo(cheapestCost) < 0) {
                cheapest = model;
                cheapestCost = cost;
            }
        }
        models.sort(Comparator.comparing(Alternative::monthlyCostUsd));
        out.addAll(models);

        PipelineConfig.Architecture otherArch = cfg.lambda().architecture() == PipelineConfig.Architecture.X86_64
                ? PipelineConfig.Architecture.ARM64 : PipelineConfig.Architecture.X86_64;
        BigDecimal archCost = price(s, withArchitecture(cfg, otherArch), w, now);
        List<Alternative> archs = new ArrayList<>();
        archs.add(alternative("architecture", cfg.lambda().architecture().wire(), null, true, current, current));
        if (archCost != null) archs.add(alternative("architecture", otherArch.wire(), null, false, archCost, current));
        archs.sort(Comparator.comparing(Alternative::monthlyCostUsd));
        out.addAll(archs);

        String held = "billed duration held at " + (cfg.lambda().durationModel() == null
                ? cfg.lambda().durationMs() + " ms" : "its duration model");
        for (int mb : MEMORY_OPTIONS) {
            boolean isCurrent = mb == cfg.lambda().memoryMb();
            BigDecimal cost = isCurrent ? current : price(s, withMemory(cfg, mb), w, now);
            if (cost != null) out.add(alternative("memory", mb + " MB", held, isCurrent, cost, current));
        }
        if (!MEMORY_OPTIONS.contains(cfg.lambda().memoryMb())) {
            out.add(alternative("memory", cfg.lambda().memoryMb() + " MB", held, true, current, current));
        }

        PipelineConfig.Architecture bestArch = archCost != null && archCost.compareTo(current) < 0 ? otherArch
                : cfg.lambda().architecture();
        if (cheapest != null && (!cheapest.modelId().equals(cfg.bedrock().modelId()) || bestArch != cfg.lambda().architecture())) {
            PipelineConfig combined = withArchitecture(withModel(cfg, cheapest.modelId()), bestArch);
            BigDecimal cost = price(s, combined, w, now);
            if (cost != null) {
                out.add(alternative("combined", cheapest.displayName() + " on " + bestArch.wire(),
                        cheapest.modelId() + ", lambda " + bestArch.wire() + ", " + cfg.lambda().memoryMb() + " MB", false,
                        cost, current));
            }
        }
        return out;
    }

    private static Alternative alternative(String kind, String option, String detail, boolean current, BigDecimal cost,
                                           BigDecimal baseline) {
        BigDecimal saving = baseline.subtract(cost);
        BigDecimal percent = baseline.signum() == 0 ? null
                : Money.display(saving.multiply(HUNDRED).divide(baseline, MathContext.DECIMAL128), 2);
        return new Alternative(kind, option, detail, current, Money.api(cost), Money.api(saving), percent);
    }

    /** The month this config would cost on the window's traffic, or null when the book cannot price it there. */
    private BigDecimal price(Scenario s, PipelineConfig cfg, Window w, Instant now) {
        try {
            return monthly(s, cfg, w, now);
        } catch (ApiException e) {
            return null;
        }
    }

    private BigDecimal monthly(Scenario s, PipelineConfig cfg, Window w, Instant now) {
        PricedTraffic p = pricer.price(s.id(), s.region(), cfg, insights.tokens(s.pipeline(), cfg), w.from(), w.to(), null, now);
        Usage month = CostEngine.projectToMonth(p.report().usage(), Duration.between(w.from(), w.to()));
        return pricer.engine().priceMonth(month, cfg, p.prices().sheet()).total();
    }

    /** Another model at its list price: a custom Bedrock price is the scenario's for its own model. */
    private static PipelineConfig withModel(PipelineConfig c, String modelId) {
        PipelineConfig.Bedrock b = c.bedrock();
        PriceOverrides o = c.priceOverrides();
        return new PipelineConfig(c.sqs(), c.lambda(),
                new PipelineConfig.Bedrock(modelId, b.outputTokensPerInvocation(), b.promptOverheadTokens(), b.mode()),
                c.freeTier(), new PriceOverrides(o.discountPercent(), null));
    }

    private static PipelineConfig withArchitecture(PipelineConfig c, PipelineConfig.Architecture a) {
        PipelineConfig.Lambda l = c.lambda();
        return new PipelineConfig(c.sqs(), new PipelineConfig.Lambda(a, l.memoryMb(), l.durationMs(), l.durationModel(),
                l.batchSize(), l.ephemeralStorageMb()), c.bedrock(), c.freeTier(), c.priceOverrides());
    }

    private static PipelineConfig withMemory(PipelineConfig c, int mb) {
        PipelineConfig.Lambda l = c.lambda();
        return new PipelineConfig(c.sqs(), new PipelineConfig.Lambda(l.architecture(), mb, l.durationMs(), l.durationModel(),
                l.batchSize(), l.ephemeralStorageMb()), c.bedrock(), c.freeTier(), c.priceOverrides());
    }

    // --- the API's views, as this module's public records ------------------------------------------------------

    private static Pricing pricing(InsightsViews.PricingInfo p) {
        PriceOverrides o = p.overrides() == null ? PriceOverrides.NONE : p.overrides();
        Map<String, BigDecimal> discount = new LinkedHashMap<>();
        discount.put("sqs", o.discountPercent().sqs());
        discount.put("lambda", o.discountPercent().lambda());
        discount.put("bedrock", o.discountPercent().bedrock());
        return new Pricing(p.region(), p.at(), p.priceBookVersion(), discount,
                o.bedrock() == null ? null : o.bedrock().inputPerMillion(),
                o.bedrock() == null ? null : o.bedrock().outputPerMillion());
    }

    private static Tokens tokens(InsightsViews.TokenInfo t) {
        return new Tokens(t.tokenizer(), t.countedWith(), t.estimated(), t.method());
    }

    private static Summary summary(InsightsViews.Summary s) {
        return new Summary(s.totalRequests(), s.totalCostUsd(), s.sqsBlocks(), s.sqsRequests(), s.lambdaInvocations(),
                s.lambdaGbSeconds(), s.llmInputTokens(), s.llmOutputTokens(), s.piiViolations(), s.piiByType(),
                s.avgCostPerRequest());
    }

    private static List<ServiceCost> services(List<InsightsViews.ServiceBreakdown> breakdown) {
        return breakdown.stream().map(b -> new ServiceCost(b.service(), b.costUsd(), b.percentage(), b.usage(),
                b.unitPrices().stream().map(u -> new UnitPrice(u.dimension(), u.tierStart(), u.tierEnd(), u.pricePerUnit(),
                        u.unitQuantity(), u.unit(), u.listPricePerUnit())).toList(),
                b.lines().stream().map(l -> new Line(l.month(), l.dimension(), l.quantity(), l.pricePerUnit(),
                        l.unitQuantity(), l.unit(), l.amountUsd())).toList())).toList();
    }

    private static Point point(InsightsViews.Point p) {
        return new Point(p.start(), p.events(), p.bytes(), p.sqsRequests(), p.lambdaInvocations(), p.lambdaGbSeconds(),
                p.llmInputTokens(), p.llmOutputTokens(), p.piiEvents(), p.costUsd(), p.costByService());
    }

    private static Projection projection(InsightsViews.Projection p) {
        InsightsViews.Prediction d = p.prediction();
        return new Projection(p.observed().hours().setScale(2, RoundingMode.HALF_UP), summary(p.projectedSummary()),
                services(p.costBreakdown()),
                d == null ? null : new Prediction(d.method(), d.points(), d.bucket(), d.predictedEvents(),
                        d.predictedEventsLow(), d.predictedEventsHigh(), d.costUsd(), d.costUsdLow(), d.costUsdHigh()),
                p.predictionUnavailable());
    }
}
