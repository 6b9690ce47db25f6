package io.mockupaws.pricing;

import io.mockupaws.pricing.PipelineConfig.Architecture;
import io.mockupaws.pricing.PipelineConfig.QueueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The default us-east-1 price book of COST-MODEL.md (AWS public list prices, USD), as {@link PriceSheet}
 * factories, and as flat {@link #entries() entries} (each with its source) to seed the database price book.
 * Other regions and newer prices come from the price importer, never from editing this class.
 */
public final class DefaultPrices {

    public static final String REGION = "us-east-1";
    /** When the default prices take effect in the seeded database price book. */
    public static final Instant EFFECTIVE_FROM = Instant.parse("2025-01-01T00:00:00Z");
    /** Version reported with every cost priced from these sheets. */
    public static final String VERSION = "default-us-east-1";

    public static final String SQS_SOURCE = "https://aws.amazon.com/sqs/pricing/ (via COST-MODEL.md default price book)";
    public static final String LAMBDA_SOURCE = "https://aws.amazon.com/lambda/pricing/ (via COST-MODEL.md default price book)";
    public static final String BEDROCK_SOURCE = "https://aws.amazon.com/bedrock/pricing/ (via COST-MODEL.md default price book)";

    private static final String REQUESTS = "requests";
    private static final String GB_SECONDS = "GB-seconds";
    private static final String TOKENS = "tokens";

    // SQS standard: $0.40/1M up to 100B requests/month, $0.30/1M next 100B, $0.24/1M above 200B.
    static final List<PriceTier> SQS_STANDARD = List.of(
            new PriceTier(new BigDecimal("0"), new BigDecimal("100000000000"), UnitPrice.perMillion("0.40", REQUESTS)),
            new PriceTier(new BigDecimal("100000000000"), new BigDecimal("200000000000"), UnitPrice.perMillion("0.30", REQUESTS)),
            new PriceTier(new BigDecimal("200000000000"), null, UnitPrice.perMillion("0.24", REQUESTS)));
    // SQS FIFO: $0.50/1M, flat as stated by COST-MODEL.md.
    static final List<PriceTier> SQS_FIFO = List.of(PriceTier.flat(UnitPrice.perMillion("0.50", REQUESTS)));

    // Lambda requests, both architectures: $0.20/1M.
    static final UnitPrice LAMBDA_REQUEST = UnitPrice.perMillion("0.20", REQUESTS);
    // Lambda x86_64 GB-s: $0.0000166667 first 6B GB-s/month, $0.000015 next 9B, $0.0000133334 above 15B.
    static final List<PriceTier> LAMBDA_X86_64 = List.of(
            new PriceTier(new BigDecimal("0"), new BigDecimal("6000000000"), UnitPrice.perUnit("0.0000166667", GB_SECONDS)),
            new PriceTier(new BigDecimal("6000000000"), new BigDecimal("15000000000"), UnitPrice.perUnit("0.000015", GB_SECONDS)),
            new PriceTier(new BigDecimal("15000000000"), null, UnitPrice.perUnit("0.0000133334", GB_SECONDS)));
    // Lambda arm64 GB-s: $0.0000133334 first 7.5B, $0.0000120001 next 11.25B, $0.0000106667 above 18.75B.
    static final List<PriceTier> LAMBDA_ARM64 = List.of(
            new PriceTier(new BigDecimal("0"), new BigDecimal("7500000000"), UnitPrice.perUnit("0.0000133334", GB_SECONDS)),
            new PriceTier(new BigDecimal("7500000000"), new BigDecimal("18750000000"), UnitPrice.perUnit("0.0000120001", GB_SECONDS)),
            new PriceTier(new BigDecimal("18750000000"), null, UnitPrice.perUnit("0.0000106667", GB_SECONDS)));
    // Lambda ephemeral storage above 512 MB: $0.0000000309 per GB-s.
    static final UnitPrice LAMBDA_EPHEMERAL_STORAGE = UnitPrice.perUnit("0.0000000309", GB_SECONDS);

    /** On-demand Bedrock token prices of one model, per 1M tokens. */
    public record ModelPrices(String modelId, UnitPrice input, UnitPrice output, String source) {
        public ModelPrices {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(source, "source");
        }
    }

    private static final Map<String, ModelPrices> MODELS = models(
            model("anthropic.claude-3-haiku-20240307-v1:0", "0.25", "1.25"),
            model("anthropic.claude-3-5-haiku-20241022-v1:0", "0.80", "4.00"),
            model("anthropic.claude-3-5-sonnet-20240620-v1:0", "3.00", "15.00"),
            model("anthropic.claude-3-5-sonnet-20241022-v2:0", "3.00", "15.00"),
            model("amazon.nova-micro-v1:0", "0.035", "0.14"),
            model("amazon.nova-lite-v1:0", "0.06", "0.24"),
            model("amazon.nova-pro-v1:0", "0.80", "3.20"),
            model("meta.llama3-8b-instruct-v1:0", "0.30", "0.60"),
            model("meta.llama3-70b-instruct-v1:0", "2.65", "3.50"));

    /*
     * The models of the book, as the AWS Price List names them (its "model" attribute), and the tokenizer ingest
     * counts their tokens with. No model's own tokenizer is public, so all are estimates: Claude and Llama 3 with
     * cl100k_base (Llama 3's tokenizer is a 128K tiktoken BPE extending cl100k's 100K vocabulary; Claude's is a
     * BPE of similar granularity on English and log text), Amazon Nova with 4 characters per token, the rule of
     * thumb AWS gives for its own models.
     */
    private static final List<BedrockModel> MODEL_INFO = List.of(
            new BedrockModel("anthropic.claude-3-haiku-20240307-v1:0", "Anthropic", "Claude 3 Haiku", Tokenizer.CL100K, false, null),
            new BedrockModel("anthropic.claude-3-5-haiku-20241022-v1:0", "Anthropic", "Claude 3.5 Haiku", Tokenizer.CL100K, false, null),
            new BedrockModel("anthropic.claude-3-5-sonnet-20240620-v1:0", "Anthropic", "Claude 3.5 Sonnet", Tokenizer.CL100K, false, null),
            new BedrockModel("anthropic.claude-3-5-sonnet-20241022-v2:0", "Anthropic", "Claude 3.5 Sonnet v2", Tokenizer.CL100K, false, null),
            new BedrockModel("amazon.nova-micro-v1:0", "Amazon", "Nova Micro", Tokenizer.CHARS_4, false, null),
            new BedrockModel("amazon.nova-lite-v1:0", "Amazon", "Nova Lite", Tokenizer.CHARS_4, false, null),
            new BedrockModel("amazon.nova-pro-v1:0", "Amazon", "Nova Pro", Tokenizer.CHARS_4, false, null),
            new BedrockModel("meta.llama3-8b-instruct-v1:0", "Meta", "Llama 3 8B Instruct", Tokenizer.CL100K, false, null),
            new BedrockModel("meta.llama3-70b-instruct-v1:0", "Meta", "Llama 3 70B Instruct", Tokenizer.CL100K, false, null));

    /** A row of the default price book, for seeding (one per tier; flat prices have a single [0, ∞) tier). */
    public record Entry(String region, String service, String dimension, String variant, PriceTier tier, String source) {}

    private DefaultPrices() {}

    /** The resolved us-east-1 sheet for a queue type, a Lambda architecture and a Bedrock model. */
    public static PriceSheet sheet(QueueType queueType, Architecture architecture, String modelId) {
        Objects.requireNonNull(queueType, "queueType");
        Objects.requireNonNull(architecture, "architecture");
        ModelPrices model = model(modelId);
        return new PriceSheet(REGION, VERSION, sqsTiers(queueType), LAMBDA_REQUEST, lambdaDurationTiers(architecture),
                LAMBDA_EPHEMERAL_STORAGE, model.input(), model.output(), FreeTier.AWS_DEFAULTS);
    }

    /** {@link #sheet(QueueType, Architecture, String)} for the config's queue type, architecture and model. */
    public static PriceSheet sheet(PipelineConfig cfg) {
        return sheet(cfg.sqs().queueType(), cfg.lambda().architecture(), cfg.bedrock().modelId());
    }

    public static List<PriceTier> sqsTiers(QueueType queueType) {
        return switch (queueType) {
            case STANDARD -> SQS_STANDARD;
            case FIFO -> SQS_FIFO;
        };
    }

    public static List<PriceTier> lambdaDurationTiers(Architecture architecture) {
        return switch (architecture) {
            case X86_64 -> LAMBDA_X86_64;
            case ARM64 -> LAMBDA_ARM64;
        };
    }

    /** @throws IllegalArgumentException naming the model when it is not in the default price book */
    public static ModelPrices model(String modelId) {
        ModelPrices prices = modelId == null ? null : MODELS.get(modelId);
        if (prices == null) {
            throw new IllegalArgumentException("no Bedrock price for model '" + modelId + "' in the default "
                    + REGION + " price book; known models: " + MODELS.keySet());
        }
        return prices;
    }

    /** The models of the default price book (id, provider, price-list name, tokenizer), in book order. */
    public static List<BedrockModel> models() {
        return MODEL_INFO;
    }

    /** The model ids of the default price book, in book order. */
    public static Set<String> modelIds() {
        return MODELS.keySet();
    }

    /**
     * Every price of the default book with its source, for seeding the database price book. Lambda prices are per
     * architecture, as the AWS Price List publishes them (Request / Request-ARM, Lambda-Storage-GB-Second / -ARM),
     * even where both architectures cost the same: the importer then versions each one on its own.
     */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (QueueType q : QueueType.values()) {
            for (PriceTier t : sqsTiers(q)) entries.add(new Entry(REGION, "sqs", PriceBook.REQUESTS, q.wire(), t, SQS_SOURCE));
        }
        for (Architecture a : Architecture.values()) {
            entries.add(new Entry(REGION, "lambda", PriceBook.REQUESTS, a.wire(), PriceTier.flat(LAMBDA_REQUEST), LAMBDA_SOURCE));
            for (PriceTier t : lambdaDurationTiers(a)) {
                entries.add(new Entry(REGION, "lambda", PriceBook.COMPUTE, a.wire(), t, LAMBDA_SOURCE));
            }
            entries.add(new Entry(REGION, "lambda", PriceBook.STORAGE, a.wire(), PriceTier.flat(LAMBDA_EPHEMERAL_STORAGE),
                    LAMBDA_SOURCE));
        }
        for (ModelPrices m : MODELS.values()) {
            entries.add(new Entry(REGION, "bedrock", PriceBook.INPUT_TOKENS, m.modelId(), PriceTier.flat(m.input()), m.source()));
            entries.add(new Entry(REGION, "bedrock", PriceBook.OUTPUT_TOKENS, m.modelId(), PriceTier.flat(m.output()), m.source()));
        }
        return List.copyOf(entries);
    }

    private static ModelPrices model(String id, String inputPerMillion, String outputPerMillion) {
        return new ModelPrices(id, UnitPrice.perMillion(inputPerMillion, TOKENS),
                UnitPrice.perMillion(outputPerMillion, TOKENS), BEDROCK_SOURCE);
    }

    private static Map<String, ModelPrices> models(ModelPrices... models) {
        Map<String, ModelPrices> byId = new LinkedHashMap<>();
        for (ModelPrices m : models) {
            if (byId.put(m.modelId(), m) != null) throw new IllegalStateException("duplicate model " + m.modelId());
        }
        return java.util.Collections.unmodifiableMap(byId);
    }
}
