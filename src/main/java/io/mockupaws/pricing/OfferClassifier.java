package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which products of an offer file are prices of the simulated pipeline, and under which {@link PriceKey}:
 *
 * <ul>
 *   <li>SQS ({@code AWSQueueService}, also accepted as {@code AmazonSQS}): family "API Request", by
 *       {@code queueType} "Standard" / "FIFO (first-in, first-out)" (us-east-1 calls them Requests-RBP and
 *       Requests-FIFO-RBP, other regions prefix or rename the usage type, the queue type is stable);</li>
 *   <li>Lambda ({@code AWSLambda}): usage types {@code Request}, {@code Lambda-GB-Second},
 *       {@code Lambda-Storage-GB-Second} and their {@code -ARM} twins, after the region prefix (EU-, USW2-, …);
 *       provisioned concurrency, Lambda@Edge and the {@code Global-*} free-tier products are not the pipeline;</li>
 *   <li>Bedrock ({@code AmazonBedrock}): "On-demand Inference" rows with {@code inferenceType} "Input tokens" or
 *       "Output tokens" of a model the book knows by its price-list name (batch is derived as 50 % by the engine;
 *       cross-region, priority, flex and cache rows are other products).</li>
 * </ul>
 */
final class OfferClassifier {

    static final Map<String, String> OFFER_SERVICES = Map.of(
            "AWSQueueService", ServiceCost.SQS, "AmazonSQS", ServiceCost.SQS,
            "AWSLambda", ServiceCost.LAMBDA, "AmazonBedrock", ServiceCost.BEDROCK);

    private static final Pattern REGION_PREFIX = Pattern.compile("^[A-Z]{2,4}[0-9]?-");

    /** The importer's decision about one product. */
    sealed interface Verdict permits Kept, Skipped {}

    /** A kept product: where its prices go. */
    record Kept(PriceKey key) implements Verdict {}

    /** A product that is not a price of the pipeline (or not of a requested region), and why. */
    record Skipped(String reason) implements Verdict {}

    /** A unit as stored: {@code unitQuantity} {@code unit}, e.g. 1000 tokens for "1K tokens". */
    record Unit(String unit, BigDecimal quantity) {}

    private record Place(String variant, String dimension) {}

    private final Map<String, String> modelIdByName;
    private final Set<String> regions;

    /**
     * @param modelIdByName the book's models, price-list name → model id
     * @param regions       regions to import; empty = all
     */
    OfferClassifier(Map<String, String> modelIdByName, Set<String> regions) {
        this.modelIdByName = modelIdByName;
        this.regions = regions;
    }

    static boolean supported(String offerCode) {
        return OFFER_SERVICES.containsKey(offerCode);
    }

    Verdict classify(String offerCode, OfferReader.Product p) {
        String service = OFFER_SERVICES.get(offerCode);
        if (service == null) return new Skipped("not an offer of SQS, Lambda or Bedrock");
        Map<String, String> a = p.attributes();
        Object place = switch (service) {
            case ServiceCost.SQS -> sqs(p);
            case ServiceCost.LAMBDA -> lambda(a.getOrDefault("usagetype", ""));
            default -> bedrock(a);
        };
        if (place instanceof Skipped skipped) return skipped;
        Place at = (Place) place;
        String region = a.get("regionCode");
        if (region == null || region.isBlank()) region = AwsLocations.regionOf(a.get("location"));
        if (region == null) return new Skipped("location has no known region code");
        if (!regions.isEmpty() && !regions.contains(region)) return new Skipped("region not requested");
        return new Kept(new PriceKey(service, region, at.dimension(), at.variant()));
    }

    private static Object sqs(OfferReader.Product p) {
        if (!p.productFamily().equalsIgnoreCase("API Request")) return new Skipped("SQS product is not an API request price");
        String queueType = p.attributes().getOrDefault("queueType", "");
        if (queueType.equalsIgnoreCase("Standard")) return new Place("standard", PriceBook.REQUESTS);
        if (queueType.toUpperCase(Locale.ROOT).startsWith("FIFO")) return new Place("fifo", PriceBook.REQUESTS);
        return new Skipped("SQS queue type is neither Standard nor FIFO");
    }

    private static Object lambda(String usagetype) {
        return switch (REGION_PREFIX.matcher(usagetype).replaceFirst("")) {
            case "Request" -> new Place("x86_64", PriceBook.REQUESTS);
            case "Request-ARM" -> new Place("arm64", PriceBook.REQUESTS);
            case "Lambda-GB-Second" -> new Place("x86_64", PriceBook.COMPUTE);
            case "Lambda-GB-Second-ARM" -> new Place("arm64", PriceBook.COMPUTE);
            case "Lambda-Storage-GB-Second" -> new Place("x86_64", PriceBook.STORAGE);
            case "Lambda-Storage-GB-Second-ARM" -> new Place("arm64", PriceBook.STORAGE);
            default -> new Skipped("Lambda usage type is not part of the pipeline");
        };
    }

    private Object bedrock(Map<String, String> a) {
        String feature = a.get("feature");
        if (feature != null && !feature.equals("On-demand Inference")) return new Skipped("Bedrock feature is not On-demand Inference");
        String usagetype = a.getOrDefault("usagetype", "").toLowerCase(Locale.ROOT);
        if (usagetype.contains("batch") || usagetype.contains("cross-region")) {
            return new Skipped("Bedrock batch or cross-region price");
        }
        String dimension = switch (a.getOrDefault("inferenceType", "")) {
            case "Input tokens" -> PriceBook.INPUT_TOKENS;
            case "Output tokens" -> PriceBook.OUTPUT_TOKENS;
            default -> null;
        };
        if (dimension == null) return new Skipped("Bedrock row is not an input or output token price");
        String modelId = modelIdByName.get(a.getOrDefault("model", ""));
        if (modelId == null) return new Skipped("Bedrock model not in the price book: " + a.getOrDefault("model", "(none)"));
        return new Place(modelId, dimension);
    }

    /** The stored unit of an offer dimension's unit, or null when it is not one the book can hold for the service. */
    static Unit unit(String service, String dimension, String offerUnit) {
        String u = offerUnit.strip().toLowerCase(Locale.ROOT);
        if (dimension.equals(PriceBook.REQUESTS)) {
            return u.equals("requests") || u.equals("request") ? new Unit("requests", BigDecimal.ONE) : null;
        }
        if (service.equals(ServiceCost.LAMBDA)) {
            return u.contains("second") ? new Unit("GB-seconds", BigDecimal.ONE) : null;
        }
        return switch (u) {
            case "1k tokens" -> new Unit("tokens", BigDecimal.valueOf(1_000));
            case "1m tokens" -> new Unit("tokens", BigDecimal.valueOf(1_000_000));
            case "tokens", "token" -> new Unit("tokens", BigDecimal.ONE);
            default -> null;
        };
    }
}
