package io.mockupaws.insights;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.pricing.BedrockModel;
import io.mockupaws.pricing.CostEngine;
import io.mockupaws.pricing.CostReport;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import io.mockupaws.pricing.ServiceCost;
import io.mockupaws.pricing.Usage;
import io.mockupaws.scenario.Scenario;
import io.mockupaws.scenario.ScenarioService;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per running scenario, what its last hour of traffic costs and consumes, for Prometheus:
 * <ul>
 *   <li>{@code mockupaws_scenario_cost_rate_usd_per_hour{scenario_id, service}}: the usage of the last 60 minutes
 *       (the current one included, so an ingest shows at once) projected to a 730-hour month, priced by the cost
 *       engine as that month's bill (tiers and free tier are monthly), divided by 730 — USD per hour at the rate
 *       just observed. BigDecimal to the end; a double only here;</li>
 *   <li>{@code mockupaws_scenario_token_rate_per_hour{scenario_id, gen_ai_token_type, gen_ai_request_model}}: Bedrock
 *       tokens of that hour by direction (OpenTelemetry GenAI attribute names): input with the prompt overhead,
 *       output = invocations × the config's output tokens per invocation;</li>
 *   <li>{@code mockupaws_scenario_cost_scenarios_omitted}: running scenarios left out by the bound below.</li>
 * </ul>
 * These are the only series that carry a scenario id, so their number is bounded: the {@code limit} (200) running
 * scenarios with the most events in that hour, 4 series each. Computed when Prometheus scrapes, at most once per
 * {@code refresh} (30 s), from the database — every instance exports the same figures (alerts take the max over
 * instances).
 */
@Component
class ScenarioCostMetrics implements MultiCollector, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScenarioCostMetrics.class);
    static final String COST = "mockupaws_scenario_cost_rate_usd_per_hour";
    static final String TOKENS = "mockupaws_scenario_token_rate_per_hour";
    static final String OMITTED = "mockupaws_scenario_cost_scenarios_omitted";
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(CostEngine.MONTH.toHours());
    private static final List<String> SERVICES = List.of(ServiceCost.SQS, ServiceCost.LAMBDA, ServiceCost.BEDROCK);

    private final ScenarioService scenarios;
    private final PriceBook book;
    private final TrafficPricer pricer;
    private final MetricsRepository metrics;
    private final int limit;
    private final Duration refresh;
    private final PrometheusRegistry registry;
    private MetricSnapshots last;
    private long lastAt;

    ScenarioCostMetrics(ScenarioService scenarios, PriceBook book, TrafficPricer pricer, MetricsRepository metrics,
                        @Value("${mockupaws.metrics.scenario-limit:200}") int limit,
                        @Value("${mockupaws.metrics.scenario-refresh:30s}") Duration refresh,
                        ObjectProvider<PrometheusRegistry> registry) {
        if (limit < 0) throw new IllegalArgumentException("mockupaws.metrics.scenario-limit must not be negative");
        this.scenarios = scenarios;
        this.book = book;
        this.pricer = pricer;
        this.metrics = metrics;
        this.limit = limit;
        this.refresh = refresh;
        this.registry = registry.getIfAvailable();
        if (this.registry != null) this.registry.register(this);
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(COST, TOKENS, OMITTED);
    }

    @Override
    public synchronized MetricSnapshots collect() {
        long now = System.nanoTime();
        if (last == null || now - lastAt >= refresh.toNanos()) {
            last = compute(Instant.now());
            lastAt = now;
        }
        return last;
    }

    MetricSnapshots compute(Instant now) {
        Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = to.minus(WINDOW);
        GaugeSnapshot.Builder cost = GaugeSnapshot.builder().name(COST)
                .help("Estimated cost of a running scenario in USD per hour, by service, at the rate of its last hour");
        GaugeSnapshot.Builder tokens = GaugeSnapshot.builder().name(TOKENS)
                .help("Bedrock tokens of a running scenario's last hour, by direction");
        MetricsRepository.Busiest busiest;
        try {
            busiest = metrics.busiestRunning(from, to, limit);
        } catch (RuntimeException e) {
            log.warn("Per-scenario cost metrics: could not list the running scenarios: {}", e.toString());
            return MetricSnapshots.of();
        }
        List<Scenario> running;
        try {
            running = scenarios.runningForMonitoring(busiest.ids());
        } catch (RuntimeException e) {
            log.warn("Per-scenario cost metrics: could not read the running scenarios: {}", e.toString());
            return MetricSnapshots.of();
        }
        RuntimeException failure = null;
        for (Scenario s : running) {
            try {
                add(s, from, to, now, cost, tokens);
            } catch (ApiException e) {
                log.debug("No cost metrics for scenario {}: {}", s.id(), e.getMessage()); // e.g. no prices in its region
            } catch (RuntimeException e) {
                failure = e; // one scenario must not fail the scrape of every other metric
            }
        }
        if (failure != null) log.warn("Per-scenario cost metrics: some scenarios were left out: {}", failure.toString());
        GaugeSnapshot omitted = GaugeSnapshot.builder().name(OMITTED)
                .help("Running scenarios without per-scenario cost series (beyond mockupaws.metrics.scenario-limit)")
                .dataPoint(GaugeDataPointSnapshot.builder()
                        .value(Math.max(0, busiest.running() - busiest.ids().size())).build())
                .build();
        return MetricSnapshots.of(cost.build(), tokens.build(), omitted);
    }

    private void add(Scenario s, Instant from, Instant to, Instant now, GaugeSnapshot.Builder cost,
                     GaugeSnapshot.Builder tokens) {
        PipelineConfig cfg = s.pipeline();
        BedrockModel model = book.requireModel(cfg.bedrock().modelId(), "pipeline.bedrock.model_id");
        PricedTraffic hour = pricer.price(s.id(), s.region(), cfg, TokenPlan.of(model, model), from, to, null, now);
        Usage used = hour.report().usage();
        CostReport month = pricer.engine().projectMonth(used, Duration.between(from, to), cfg, hour.prices().sheet());
        String id = s.id().toString();
        for (String service : SERVICES) {
            BigDecimal perHour = month.service(service).cost().divide(HOURS_PER_MONTH, MathContext.DECIMAL128);
            cost.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("scenario_id", id, "service", service))
                    .value(perHour.doubleValue()).build());
        }
        tokens.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("scenario_id", id, "gen_ai_token_type", "input",
                "gen_ai_request_model", model.modelId())).value(used.inputTokens().doubleValue()).build());
        tokens.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("scenario_id", id, "gen_ai_token_type", "output",
                "gen_ai_request_model", model.modelId())).value(used.outputTokens().doubleValue()).build());
    }

    @Override
    public void destroy() {
        if (registry != null) registry.unregister(this);
    }
}
