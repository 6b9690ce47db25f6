package io.mockupaws.pricing;

import io.mockupaws.platform.cache.CacheKey;
import io.mockupaws.platform.cache.CacheName;
import io.mockupaws.platform.cache.Caches;
import io.mockupaws.platform.web.ApiException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pricing module's use cases: resolve the prices a pipeline config is billed at in a region at an instant, list
 * the book and its models, and import AWS Price List offer files.
 *
 * <p>What every cost computation reads — a config's price rows and the models — is cached in the 24-hour tier under
 * the book's {@linkplain #version() version}, which every change to the book moves (a database trigger, so also an
 * import by the CLI in another process). An import through this process is seen at once; a change made elsewhere
 * within {@link #VERSION_CHECK}.
 */
@Service
public class PriceBook {

    /** How often the book's version is read from the database: the longest a change made elsewhere goes unseen. */
    static final Duration VERSION_CHECK = Duration.ofSeconds(1);

    /** Dimensions of the book, named as the cost engine names its lines. */
    public static final String REQUESTS = CostCalculator.REQUESTS;
    public static final String COMPUTE = CostCalculator.COMPUTE;
    public static final String STORAGE = CostCalculator.STORAGE;
    public static final String INPUT_TOKENS = CostCalculator.INPUT_TOKENS;
    public static final String OUTPUT_TOKENS = CostCalculator.OUTPUT_TOKENS;

    public static final Set<String> SERVICES = Set.of(ServiceCost.SQS, ServiceCost.LAMBDA, ServiceCost.BEDROCK);

    private final PriceBookRepository book;
    private final OfferImport offerImport;
    private final TransactionTemplate tx;
    private final Caches caches;
    private final AtomicReference<SeenVersion> seen = new AtomicReference<>();

    /** Cached: every row a config can be priced with in a region, of every time (filtered by instant on use). */
    record SheetRows(List<PriceEntry> rows) {}

    /** Cached: the Bedrock models of the book. */
    record Models(List<BedrockModel> models) {}

    private record SeenVersion(long version, long readAtNanos) {}

    PriceBook(PriceBookRepository book, OfferImport offerImport, TransactionTemplate tx, Caches caches) {
        this.book = book;
        this.offerImport = offerImport;
        this.tx = tx;
        this.caches = caches;
    }

    /**
     * The version of the book: it changes with every change to prices or models. Read from the database at most
     * once per {@link #VERSION_CHECK}; figures priced with the book (insights) put it in their cache keys too.
     */
    public long version() {
        SeenVersion s = seen.get();
        long now = System.nanoTime();
        if (s != null && now - s.readAtNanos() < VERSION_CHECK.toNanos()) return s.version();
        SeenVersion fresh = new SeenVersion(book.version(), now);
        seen.set(fresh);
        return fresh.version();
    }

    /**
     * The prices {@code cfg} is billed at in {@code region} at {@code at}: list prices from the book, then the config's
     * overrides.
     *
     * @throws ApiException 422 {@code price-not-found} naming the first missing price
     */
    public ResolvedPrices resolve(String region, PipelineConfig cfg, Instant at) {
        String queue = cfg.sqs().queueType().wire();
        String arch = cfg.lambda().architecture().wire();
        String model = cfg.bedrock().modelId();
        List<PriceEntry> rows = caches.get(CacheName.PRICE_BOOK, CacheKey.of("sheet", version(), region, queue, arch, model),
                        SheetRows.class, () -> new SheetRows(book.forSheetAtAnyTime(region, queue, arch, model)))
                .rows().stream().filter(r -> inForce(r, at)).toList();
        List<PriceTier> sqs = tiers(rows, ServiceCost.SQS, REQUESTS, queue, region, at);
        PriceTier lambdaRequest = flat(rows, ServiceCost.LAMBDA, REQUESTS, arch, region, at);
        List<PriceTier> compute = tiers(rows, ServiceCost.LAMBDA, COMPUTE, arch, region, at);
        PriceTier storage = flat(rows, ServiceCost.LAMBDA, STORAGE, arch, region, at);
        PriceTier input = flat(rows, ServiceCost.BEDROCK, INPUT_TOKENS, model, region, at);
        PriceTier output = flat(rows, ServiceCost.BEDROCK, OUTPUT_TOKENS, model, region, at);
        Instant newest = rows.stream().map(PriceEntry::effectiveFrom).max(Comparator.naturalOrder()).orElseThrow();
        String version = region + "@" + newest;
        PriceSheet list;
        try {
            list = new PriceSheet(region, version, sqs, lambdaRequest.price(), compute, storage.price(), input.price(),
                    output.price(), FreeTier.AWS_DEFAULTS);
        } catch (IllegalArgumentException e) {
            // The importer only writes contiguous tiers; this is a book edited by hand.
            throw ApiException.conflict("price-book-inconsistent", "The price book for " + region + " is inconsistent: "
                    + e.getMessage());
        }
        return new ResolvedPrices(cfg.priceOverrides().apply(list), list, version, at, cfg.priceOverrides());
    }

    /** Prices in force at {@code at}; {@code service} and {@code region} filter when not null. */
    public List<PriceEntry> prices(String service, String region, Instant at) {
        return book.inForce(service, region, at);
    }

    public List<BedrockModel> models() {
        return caches.get(CacheName.PRICE_BOOK, CacheKey.of("models", version()), Models.class,
                () -> new Models(book.models())).models();
    }

    public Optional<BedrockModel> model(String modelId) {
        return models().stream().filter(m -> m.modelId().equals(modelId)).findFirst();
    }

    /** Model id → regions where it has a price in force at {@code at}. */
    public Map<String, List<String>> modelRegions(Instant at) {
        return book.modelRegions(at);
    }

    /**
     * The model, or a 422 naming {@code field}: a pipeline config may only name a model the book knows, or it could
     * never be priced.
     */
    public BedrockModel requireModel(String modelId, String field) {
        return model(modelId).orElseThrow(() -> ApiException.invalid(field, "'" + modelId
                + "' is not a model of the price book; GET /api/v1/pricing/models lists them"));
    }

    /**
     * Imports offer files in ONE transaction: every file is applied or none (a malformed or unrelated file leaves the
     * book untouched). {@code regions} empty = every region of the files.
     *
     * @throws OfferFileException naming the file and what is wrong with it
     */
    public ImportReport importOffers(List<OfferSource> files, Set<String> regions) {
        ImportReport report = tx.execute(status -> {
            book.lockForImport();
            return new ImportReport(files.stream().map(f -> offerImport.apply(f, regions)).toList());
        });
        // Committed: read the new version now rather than within a second, and drop what the old one keyed.
        seen.set(null);
        caches.clear(CacheName.PRICE_BOOK);
        return report;
    }

    /** An offer file to import: a label for messages (file name) and its content, opened once. */
    public record OfferSource(String label, InputStreamSupplier content) {}

    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws java.io.IOException;
    }

    private static boolean inForce(PriceEntry r, Instant at) {
        return !r.effectiveFrom().isAfter(at) && (r.effectiveTo() == null || r.effectiveTo().isAfter(at));
    }

    private static List<PriceTier> tiers(List<PriceEntry> rows, String service, String dimension, String variant,
                                         String region, Instant at) {
        Predicate<PriceEntry> match = r -> r.service().equals(service) && r.dimension().equals(dimension)
                && r.variant().equals(variant);
        List<PriceTier> tiers = rows.stream().filter(match).map(PriceEntry::tier).toList();
        if (tiers.isEmpty()) throw notFound(service, dimension, variant, region, at);
        return tiers;
    }

    private static PriceTier flat(List<PriceEntry> rows, String service, String dimension, String variant,
                                  String region, Instant at) {
        List<PriceTier> tiers = tiers(rows, service, dimension, variant, region, at);
        if (tiers.size() != 1) {
            throw ApiException.conflict("price-book-inconsistent", "The price of " + service + " " + dimension + " ("
                    + variant + ") in " + region + " is tiered; mockupAWS prices it as a flat price");
        }
        return tiers.getFirst();
    }

    private static ApiException notFound(String service, String dimension, String variant, String region, Instant at) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "price-not-found",
                "No price for " + service + " " + dimension + " (" + variant + ") in " + region + " at " + at
                        + ": the price book has none; import an AWS Price List offer file for this region "
                        + "(mockupaws pricing import, or POST /api/v1/pricing/import)")
                .with("service", service).with("region", region).with("dimension", dimension).with("variant", variant)
                .with("at", at.toString());
    }
}
