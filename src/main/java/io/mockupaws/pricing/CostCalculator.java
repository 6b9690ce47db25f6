package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Prices ONE calendar month of {@link Usage} ("Prices and cost" of COST-MODEL.md). Tiers and free allowances are
 * monthly, so the usage given must be one month's (or a projection to one month).
 *
 * <pre>
 * sqs     = tiered(sqs_requests)                       − tiered(min(sqs_requests, free 1M))
 * lambda  = L · request_price                          − min(L, free 1M) · request_price
 *         + tiered(gb_seconds)                         − tiered(min(gb_seconds, free 400,000))
 *         + storage_gb_s · storage_price
 * bedrock = (input_tokens · input_price + output_tokens · output_price) × (batch ? 0.5 : 1)
 * </pre>
 *
 * The free allowances are the month's FIRST units, so their credit is priced in the lowest tiers, as AWS does;
 * free-tier credits appear as negative line items and are only present when the config enables the free tier.
 * No rounding anywhere.
 */
public final class CostCalculator {

    /** Bedrock batch inference bills 50 % of the on-demand token prices. */
    public static final BigDecimal BEDROCK_BATCH_FACTOR = new BigDecimal("0.5");

    static final String REQUESTS = "requests";
    static final String COMPUTE = "compute GB-seconds";
    static final String STORAGE = "ephemeral storage GB-seconds";
    static final String INPUT_TOKENS = "input tokens";
    static final String OUTPUT_TOKENS = "output tokens";
    static final String FREE = " (free tier)";
    static final String BATCH = " (batch, 50 % of on-demand)";

    /** sqs, lambda, bedrock — in this order. */
    public List<ServiceCost> price(Usage usage, PipelineConfig cfg, PriceSheet prices) {
        return List.of(sqs(usage, cfg, prices), lambda(usage, cfg, prices), bedrock(usage, cfg, prices));
    }

    public ServiceCost sqs(Usage usage, PipelineConfig cfg, PriceSheet prices) {
        check(usage, cfg, prices);
        List<LineItem> lines = new ArrayList<>(tieredLines(REQUESTS, usage.sqsRequests(), prices.sqsRequestTiers()));
        if (cfg.freeTier()) {
            lines.addAll(creditLines(REQUESTS, usage.sqsRequests(), prices.freeTier().sqsRequests(),
                    prices.sqsRequestTiers()));
        }
        return ServiceCost.of(ServiceCost.SQS, lines);
    }

    public ServiceCost lambda(Usage usage, PipelineConfig cfg, PriceSheet prices) {
        check(usage, cfg, prices);
        List<LineItem> lines = new ArrayList<>();
        BigDecimal invocations = usage.lambdaInvocations();
        lines.add(LineItem.of(REQUESTS, invocations, prices.lambdaRequest(), null));
        if (cfg.freeTier()) {
            BigDecimal free = invocations.min(prices.freeTier().lambdaRequests());
            lines.add(LineItem.of(REQUESTS + FREE, free.negate(), prices.lambdaRequest(), null));
        }
        lines.addAll(tieredLines(COMPUTE, usage.lambdaGbSeconds(), prices.lambdaDurationTiers()));
        if (cfg.freeTier()) {
            lines.addAll(creditLines(COMPUTE, usage.lambdaGbSeconds(), prices.freeTier().lambdaGbSeconds(),
                    prices.lambdaDurationTiers()));
        }
        lines.add(LineItem.of(STORAGE, usage.lambdaStorageGbSeconds(), prices.lambdaEphemeralStorage(), null));
        return ServiceCost.of(ServiceCost.LAMBDA, lines);
    }

    public ServiceCost bedrock(Usage usage, PipelineConfig cfg, PriceSheet prices) {
        check(usage, cfg, prices);
        boolean batch = cfg.bedrock().mode() == PipelineConfig.BedrockMode.BATCH;
        UnitPrice input = batch ? prices.bedrockInputTokens().times(BEDROCK_BATCH_FACTOR) : prices.bedrockInputTokens();
        UnitPrice output = batch ? prices.bedrockOutputTokens().times(BEDROCK_BATCH_FACTOR) : prices.bedrockOutputTokens();
        String suffix = batch ? BATCH : "";
        return ServiceCost.of(ServiceCost.BEDROCK, List.of(
                LineItem.of(INPUT_TOKENS + suffix, usage.inputTokens(), input, null),
                LineItem.of(OUTPUT_TOKENS + suffix, usage.outputTokens(), output, null)));
    }

    /**
     * Σ over tiers of (units of {@code quantity} inside [begin, end)) × tier price: the month's first units are
     * charged at the first tier's price, and so on.
     */
    public static BigDecimal tiered(BigDecimal quantity, List<PriceTier> tiers) {
        return tieredLines("quantity", quantity, tiers).stream()
                .map(LineItem::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * One line per tier that {@code quantity} reaches (a single zero line on the first tier when the quantity is 0).
     * With several tiers the dimension is suffixed " tier n" (1-based).
     */
    public static List<LineItem> tieredLines(String dimension, BigDecimal quantity, List<PriceTier> tiers) {
        return tieredLines(dimension, "", quantity, tiers);
    }

    private static List<LineItem> tieredLines(String dimension, String suffix, BigDecimal quantity,
                                              List<PriceTier> tiers) {
        Money.requireNonNegative(quantity, dimension);
        PriceSheet.validTiers(tiers, dimension + " tiers");
        List<LineItem> lines = new ArrayList<>();
        for (int i = 0; i < tiers.size(); i++) {
            PriceTier tier = tiers.get(i);
            BigDecimal units = tier.unitsOf(quantity);
            if (units.signum() > 0 || (i == 0 && quantity.signum() == 0)) {
                lines.add(LineItem.of(label(dimension, i, tiers.size()) + suffix, units, tier.price(), tier));
            }
        }
        return lines;
    }

    /** The credit of the month's first {@code min(quantity, free)} units, priced in the tiers they occupy. */
    private static List<LineItem> creditLines(String dimension, BigDecimal quantity, BigDecimal free,
                                              List<PriceTier> tiers) {
        return tieredLines(dimension, FREE, quantity.min(free), tiers).stream()
                .map(l -> LineItem.of(l.dimension(), l.quantity().negate(), l.unitPrice(), l.tier()))
                .toList();
    }

    private static String label(String dimension, int index, int tierCount) {
        return tierCount == 1 ? dimension : dimension + " tier " + (index + 1);
    }

    private static void check(Usage usage, PipelineConfig cfg, PriceSheet prices) {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cfg, "pipeline config");
        Objects.requireNonNull(prices, "price sheet");
    }
}
