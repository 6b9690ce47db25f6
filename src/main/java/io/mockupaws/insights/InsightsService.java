package io.mockupaws.insights;

import io.mockupaws.insights.InsightsViews.Metrics;
import io.mockupaws.insights.InsightsViews.Point;
import io.mockupaws.insights.InsightsViews.PricingInfo;
import io.mockupaws.insights.InsightsViews.Window;
import io.mockupaws.platform.cache.CacheKey;
import io.mockupaws.platform.cache.CacheName;
import io.mockupaws.platform.cache.Caches;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.pricing.BedrockModel;
import io.mockupaws.pricing.CostEngine;
import io.mockupaws.pricing.CostReport;
import io.mockupaws.pricing.Money;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.ServiceCost;
import io.mockupaws.pricing.Usage;
import io.mockupaws.scenario.AwsRegion;
import io.mockupaws.identity.Actor;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The insights use cases: metrics, what-if estimate, monthly projection with a trend prediction, comparison and
 * per-source split. Everything is computed on read from the per-minute aggregates and the price book in force now;
 * nothing is written.
 *
 * <p>Metrics, estimates and projections are cached (5-minute tier). Access is checked first, every time, against the
 * database; the key then holds everything the answer depends on — the scenario's last change ({@code updated_at}:
 * config, region, lifecycle), its traffic ({@link MetricsRepository#trafficStamp}), the price book's version and the
 * request — so a change to any of them is a new key: an ingest that has answered is in the next /metrics, on every
 * instance. What a key cannot hold is the clock: {@code pricing.at} says when an answer was computed, and a price
 * that comes into force meanwhile is used within the tier's 5 minutes.
 */
@Service
public class InsightsService {

    private final ScenarioService scenarios;
    private final PriceBook book;
    private final TrafficPricer pricer;
    private final MetricsRepository metrics;
    private final WhatIfConfigs whatIfs;
    private final Caches caches;

    InsightsService(ScenarioService scenarios, PriceBook book, TrafficPricer pricer, MetricsRepository metrics,
                    WhatIfConfigs whatIfs, Caches caches) {
        this.scenarios = scenarios;
        this.book = book;
        this.pricer = pricer;
        this.metrics = metrics;
        this.whatIfs = whatIfs;
        this.caches = caches;
    }

    Metrics metrics(Actor actor, UUID id, Instant from, Instant to, Granularity g) {
        Scenario s = scenarios.get(actor, id);
        return caches.get(CacheName.SCENARIO_METRICS, key(s, "metrics", from, to, g.wire, null), Metrics.class,
                () -> metrics(s, s.region(), s.pipeline(), from, to, g, null));
    }

    /** The metrics of the stored traffic under another region and/or config; nothing is saved. */
    Metrics estimate(Actor actor, UUID id, InsightsRequests.Estimate body, Instant from, Instant to, Granularity g) {
        Scenario s = scenarios.get(actor, id);
        String region = body == null || body.region() == null ? s.region() : body.region();
        if (!AwsRegion.CODES.contains(region)) throw ApiException.invalid("region", "must be a known AWS region code such as us-east-1");
        PipelineConfig cfg = whatIfs.merge(s.pipeline(), body == null ? null : body.pipeline());
        return caches.get(CacheName.SCENARIO_METRICS, key(s, "estimate", from, to, g.wire, region + " " + cfg),
                Metrics.class, () -> metrics(s, region, cfg, from, to, g, new InsightsViews.WhatIf(region, cfg, false)));
    }

    /**
     * Everything an insight of {@code s} depends on besides the clock. The owner is in it too: an entry can only
     * ever be read by a caller who may read its scenario (checked before), and is filed under its tenant.
     */
    private String key(Scenario s, String kind, Instant from, Instant to, String granularity, String whatIf) {
        return CacheKey.of(s.ownerId(), s.id(), s.updatedAt(), metrics.trafficStamp(s.id()), book.version(), kind, from,
                to, granularity, whatIf);
    }

    Metrics metrics(Scenario s, String region, PipelineConfig cfg, Instant from, Instant to, Granularity g,
                    InsightsViews.WhatIf whatIf) {
        TokenPlan tokens = tokens(s.pipeline(), cfg);
        Window w = window(s.id(), from, to);
        List<Instant> starts = bucketStarts(w, g);
        Instant now = Instant.now();
        PricedTraffic priced = pricer.price(s.id(), region, cfg, tokens, w.from(), w.to(), g.wire, now);
        Map<Instant, MetricsRepository.Row> byStart = new HashMap<>();
        priced.buckets().forEach(r -> byStart.put(r.start(), r));
        List<Point> series = new ArrayList<>(starts.size());
        for (Instant start : starts) {
            MetricsRepository.Row r = byStart.getOrDefault(start, empty(start));
            series.add(priced.point(r, pricer.usageCalculator()));
        }
        return new Metrics(s.id(), w, g.wire, pricing(region, priced, now), tokens.view(), priced.summary(),
                priced.breakdown(), series, whatIf);
    }

    /** Usage observed over the window × 730 h / window, then priced (usage is projected, never a cost). */
    InsightsViews.Projection projection(Actor actor, UUID id, Instant from, Instant to) {
        Scenario s = scenarios.get(actor, id);
        return caches.get(CacheName.SCENARIO_METRICS, key(s, "projection", from, to, null, null),
                InsightsViews.Projection.class, () -> projection(s, from, to));
    }

    InsightsViews.Projection projection(Scenario s, Instant from, Instant to) {
        UUID id = s.id();
        PipelineConfig cfg = s.pipeline();
        TokenPlan tokens = tokens(cfg, cfg);
        Window w = window(id, from, to);
        Instant now = Instant.now();
        boolean days = w.from() != null && w.to() != null
                && Duration.between(w.from(), w.to()).compareTo(Duration.ofDays(7)) >= 0;
        Granularity bucket = days ? Granularity.DAY : Granularity.HOUR;
        PricedTraffic observed = pricer.price(id, s.region(), cfg, tokens, w.from(), w.to(), bucket.wire, now);
        CostEngine engine = pricer.engine();
        Usage seen = observed.report().usage();
        if (w.from() == null || w.to() == null || !w.to().isAfter(w.from())) {
            CostReport zero = engine.priceMonth(Usage.ZERO, cfg, observed.prices().sheet());
            return new InsightsViews.Projection(id, "month", 730, new InsightsViews.Observed(w.from(), w.to(),
                    BigDecimal.ZERO, observed.summary()), pricing(s.region(), observed, now), tokens.view(),
                    PricedTraffic.summary(Usage.ZERO, observed.totals(), zero.total()),
                    PricedTraffic.breakdown(zero, observed.prices()), null, "no traffic to project");
        }
        Duration span = Duration.between(w.from(), w.to());
        BigDecimal month = BigDecimal.valueOf(CostEngine.MONTH.toNanos());
        BigDecimal spanNanos = BigDecimal.valueOf(span.toNanos());
        Usage projectedUsage = CostEngine.projectToMonth(seen, span);
        CostReport projected = engine.priceMonth(projectedUsage, cfg, observed.prices().sheet());
        PricedTraffic.Totals projectedTotals = observed.totals().scaled(month, spanNanos);
        Prediction p = predict(w, bucket, observed, cfg);
        BigDecimal hours = BigDecimal.valueOf(span.toSeconds()).divide(BigDecimal.valueOf(3600), MathContext.DECIMAL128);
        return new InsightsViews.Projection(id, "month", 730,
                new InsightsViews.Observed(w.from(), w.to(), PricedTraffic.plain(hours.setScale(4, RoundingMode.HALF_UP)),
                        observed.summary()),
                pricing(s.region(), observed, now), tokens.view(),
                PricedTraffic.summary(projectedUsage, projectedTotals, projected.total()),
                PricedTraffic.breakdown(projected, observed.prices()), p.prediction, p.unavailable);
    }

    private record Prediction(InsightsViews.Prediction prediction, String unavailable) {}

    /**
     * Least squares on events per complete UTC bucket of the window (hourly under 7 days observed, daily from 7 days),
     * extrapolated over the next 730 hours with a 95 % prediction interval; each bound's usage is the observed usage
     * per event times its events, priced as a month.
     */
    private Prediction predict(Window w, Granularity bucket, PricedTraffic observed, PipelineConfig cfg) {
        Instant first = bucket.truncate(w.from()).equals(w.from()) ? w.from() : bucket.truncate(w.from()).plus(bucket.length());
        Instant end = bucket.truncate(w.to());
        int n = first.isBefore(end) ? (int) Duration.between(first, end).dividedBy(bucket.length()) : 0;
        if (n < Trend.MIN_POINTS) {
            return new Prediction(null, "a trend needs at least " + Trend.MIN_POINTS + " complete " + bucket.wire
                    + "s of observation; there are " + n);
        }
        BigDecimal events = observed.report().usage().events();
        if (events.signum() == 0) return new Prediction(null, "no traffic to project");
        double[] y = new double[n];
        for (MetricsRepository.Row r : observed.buckets()) {
            long k = Duration.between(first, r.start()).dividedBy(bucket.length());
            if (!r.start().isBefore(first) && k < n) y[(int) k] = r.events();
        }
        Trend trend = Trend.fit(y);
        double m = (double) CostEngine.MONTH.toNanos() / bucket.length().toNanos();
        double[] sum = trend.nextSum(m);
        BigDecimal[] predicted = new BigDecimal[3];
        BigDecimal[] cost = new BigDecimal[3];
        for (int i = 0; i < 3; i++) {
            predicted[i] = BigDecimal.valueOf(sum[i]).setScale(3, RoundingMode.HALF_UP);
            Usage u = observed.report().usage().scaled(predicted[i], events);
            cost[i] = pricer.engine().priceMonth(u, cfg, observed.prices().sheet()).total();
        }
        return new Prediction(new InsightsViews.Prediction(
                "least squares on events per " + bucket.wire + ", 95 % prediction interval (Student t, n − 2 = "
                        + (n - 2) + " degrees of freedom) for the next 730 hours; usage per event as observed",
                bucket.wire, n, BigDecimal.valueOf(trend.slope()).setScale(6, RoundingMode.HALF_UP),
                PricedTraffic.plain(predicted[1]), PricedTraffic.plain(predicted[0]), PricedTraffic.plain(predicted[2]),
                Money.api(cost[1]), Money.api(cost[0]), Money.api(cost[2])), null);
    }

    InsightsViews.Comparison compare(Actor actor, InsightsRequests.Compare body) {
        List<UUID> ids = body.scenarioIds();
        if (ids == null || ids.size() < 2 || ids.size() > 4) {
            throw ApiException.invalid("scenario_ids", "must list 2 to 4 scenario ids, had " + (ids == null ? 0 : ids.size()));
        }
        if (new HashSet<>(ids).size() != ids.size()) throw ApiException.invalid("scenario_ids", "must not repeat an id");
        if (ids.contains(null)) throw ApiException.invalid("scenario_ids", "must not contain null");
        UUID baseline = body.baselineId() == null ? ids.getFirst() : body.baselineId();
        if (!ids.contains(baseline)) throw ApiException.invalid("baseline_id", "must be one of scenario_ids");
        if (body.from() != null && body.to() != null && !body.to().isAfter(body.from())) {
            throw ApiException.invalid("to", "must be after from");
        }
        List<Scenario> list = ids.stream().map(id -> scenarios.get(actor, id)).toList(); // 404 for an unknown id
        Instant now = Instant.now();
        Map<UUID, PricedTraffic> priced = new LinkedHashMap<>();
        List<InsightsViews.ScenarioCost> costs = new ArrayList<>();
        for (Scenario s : list) {
            PricedTraffic p = pricer.price(s.id(), s.region(), s.pipeline(), tokens(s.pipeline(), s.pipeline()),
                    body.from(), body.to(), null, now);
            priced.put(s.id(), p);
            costs.add(new InsightsViews.ScenarioCost(s.id(), s.name(), s.region(), p.summary(), byService(p.report()),
                    pricing(s.region(), p, now)));
        }
        CostReport base = priced.get(baseline).report();
        List<InsightsViews.ScenarioDelta> deltas = new ArrayList<>();
        for (Scenario s : list) {
            if (s.id().equals(baseline)) continue;
            CostReport r = priced.get(s.id()).report();
            Map<String, InsightsViews.Delta> services = new LinkedHashMap<>();
            for (ServiceCost c : r.services()) services.put(c.service(), delta(c.cost(), base.service(c.service()).cost()));
            deltas.add(new InsightsViews.ScenarioDelta(s.id(), delta(r.total(), base.total()), services));
        }
        return new InsightsViews.Comparison(baseline, new Window(body.from(), body.to()), costs, deltas);
    }

    /**
     * Per source, over the scenario's life. Source statistics carry no minutes, so the bill is allocated by each
     * source's share of the quantity driving each line: SQS by 64 KiB blocks, Lambda and output tokens by events,
     * input tokens by input tokens.
     */
    InsightsViews.Sources sources(Actor actor, UUID id) {
        Scenario s = scenarios.get(actor, id);
        PricedTraffic p = pricer.price(id, s.region(), s.pipeline(), tokens(s.pipeline(), s.pipeline()), null, null, null,
                Instant.now());
        CostReport r = p.report();
        BigDecimal input = amount(r, CostDriver.BEDROCK_INPUT);
        BigDecimal output = amount(r, CostDriver.BEDROCK_OUTPUT);
        List<MetricsRepository.SourceRow> rows = metrics.sources(id);
        long events = 0, blocks = 0, tokens = 0;
        for (MetricsRepository.SourceRow row : rows) {
            events += row.events();
            blocks += row.sqsBlocks();
            tokens += row.inputTokens();
        }
        List<InsightsViews.SourceView> views = new ArrayList<>();
        for (MetricsRepository.SourceRow row : rows) {
            BigDecimal cost = share(r.service(ServiceCost.SQS).cost(), row.sqsBlocks(), blocks)
                    .add(share(r.service(ServiceCost.LAMBDA).cost(), row.events(), events))
                    .add(share(input, row.inputTokens(), tokens))
                    .add(share(output, row.events(), events));
            BigDecimal percent = PricedTraffic.percent(cost, r.total());
            views.add(new InsightsViews.SourceView(row.source(), row.events(), row.bytes(), row.sqsBlocks(),
                    row.inputTokens(), row.piiEvents(), Money.api(cost),
                    percent == null ? BigDecimal.ZERO.setScale(2) : percent));
        }
        return new InsightsViews.Sources(id, Money.api(r.total()),
                "cost_usd = SQS cost × the source's share of 64 KiB blocks + Lambda cost × its share of events"
                        + " + input-token cost × its share of input tokens + output-token cost × its share of events",
                views);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    TokenPlan tokens(PipelineConfig stored, PipelineConfig priced) {
        BedrockModel target = book.requireModel(priced.bedrock().modelId(), "pipeline.bedrock.model_id");
        BedrockModel ingest = book.model(stored.bedrock().modelId()).orElse(null);
        return TokenPlan.of(ingest, target);
    }

    /** [from, to): as asked, else the first traffic minute to the minute after the last. */
    Window window(UUID id, Instant from, Instant to) {
        if (from != null && to != null) return new Window(from, to);
        MetricsRepository.Extent e = metrics.extent(id);
        Instant f = from != null ? from : e.first();
        Instant t = to != null ? to : e.last() == null ? null : e.last().plus(Duration.ofMinutes(1));
        if (f != null && t != null && t.isBefore(f)) t = f;
        return new Window(f, t);
    }

    private static List<Instant> bucketStarts(Window w, Granularity g) {
        if (w.from() == null || w.to() == null) return List.of();
        Instant first = g.truncate(w.from());
        long points = Math.ceilDiv(Duration.between(first, w.to()).toNanos(), g.length().toNanos());
        if (points > Granularity.MAX_POINTS) {
            throw ApiException.badRequest("too-many-points", "A " + g.wire + " series of this window has " + points
                            + " points, more than " + Granularity.MAX_POINTS + "; narrow from/to or use a coarser granularity")
                    .with("parameter", "granularity");
        }
        List<Instant> starts = new ArrayList<>((int) points);
        for (Instant t = first; t.isBefore(w.to()); t = t.plus(g.length())) starts.add(t);
        return starts;
    }

    private static MetricsRepository.Row empty(Instant start) {
        return new MetricsRepository.Row(false, start, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new long[MetricsRepository.PII_TYPES.size()]);
    }

    private static PricingInfo pricing(String region, PricedTraffic p, Instant at) {
        return new PricingInfo(region, at, p.prices().bookVersion(), p.prices().overrides());
    }

    private static Map<String, BigDecimal> byService(CostReport r) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        r.services().forEach(s -> m.put(s.service(), Money.api(s.cost())));
        return m;
    }

    private static InsightsViews.Delta delta(BigDecimal value, BigDecimal baseline) {
        BigDecimal diff = value.subtract(baseline);
        return new InsightsViews.Delta(Money.api(diff), PricedTraffic.percent(diff, baseline));
    }

    private static BigDecimal amount(CostReport r, CostDriver d) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ServiceCost s : r.services()) {
            for (var l : s.lines()) if (d.produced(s, l)) sum = sum.add(l.amount());
        }
        return sum;
    }

    private static BigDecimal share(BigDecimal amount, long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO
                : amount.multiply(BigDecimal.valueOf(part)).divide(BigDecimal.valueOf(whole), MathContext.DECIMAL128);
    }
}
