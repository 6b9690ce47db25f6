package io.mockupaws.pricing;

import io.mockupaws.platform.web.ApiException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pricing module's use cases: resolve the prices a pipeline config is billed at in a region at an instant, list
 * the book and its models, and import AWS Price List offer files.
 */
@Service
public class PriceBook {

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

    PriceBook(PriceBookRepository book, OfferImport offerImport, TransactionTemplate tx) {
        this.book = book;
        this.offerImport = offerImport;
        this.tx = tx;
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
        List<PriceEntry> rows = book.forSheet(region, queue, arch, model, at);
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
        return book.models();
    }

    public Optional<BedrockModel> model(String modelId) {
        return book.model(modelId);
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
        return book.model(modelId).orElseThrow(() -> ApiException.invalid(field, "'" + modelId
                + "' is not a model of the price book; GET /api/v1/pricing/models lists them"));
    }

    /**
     * Imports offer files in ONE transaction: every file is applied or none (a malformed or unrelated file leaves the
     * book untouched). {@code regions} empty = every region of the files.
     *
     * @throws OfferFileException naming the file and what is wrong with it
     */
    public ImportReport importOffers(List<OfferSource> files, Set<String> regions) {
        return tx.execute(status -> {
            book.lockForImport();
            return new ImportReport(files.stream().map(f -> offerImport.apply(f, regions)).toList());
        });
    }

    /** An offer file to import: a label for messages (file name) and its content, opened once. */
    public record OfferSource(String label, InputStreamSupplier content) {}

    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws java.io.IOException;
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
