package io.mockupaws.pricing;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The price book over HTTP. {@code POST /import} changes prices for every scenario: it is meant for administrators.
 * The identity module restricts it in the security configuration (by path and method, like every admin route), so
 * this controller carries no identity logic of its own.
 */
@RestController
@RequestMapping(path = "/api/v1/pricing", produces = "application/json")
@Tag(name = "pricing", description = "The versioned AWS price book and its importer")
class PricingController {

    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");

    private final PriceBook book;

    PricingController(PriceBook book) {
        this.book = book;
    }

    record PriceList(Instant at, List<PriceEntry> prices) {}

    record ModelView(String modelId, String provider, String displayName, Tokenizer tokenizer, boolean tokensExact,
                     Instant deprecatedAt, List<String> regions) {}

    record ModelList(Instant at, List<ModelView> models, String tokens) {}

    @GetMapping
    @Operation(summary = "Prices in force at 'at' (default now), optionally of one service and/or region")
    PriceList prices(@RequestParam(required = false) String service, @RequestParam(required = false) String region,
                     @RequestParam(required = false) String at) {
        if (service != null && !PriceBook.SERVICES.contains(service)) {
            throw QueryParams.invalid("service", "must be one of sqs, lambda, bedrock");
        }
        Instant when = at(at);
        return new PriceList(when, book.prices(service, region(region), when));
    }

    @GetMapping("/models")
    @Operation(summary = "The Bedrock models of the price book, their tokenizer and the regions they are priced in")
    ModelList models(@RequestParam(required = false) String at) {
        Instant when = at(at);
        Map<String, List<String>> regions = book.modelRegions(when);
        List<ModelView> models = book.models().stream()
                .map(m -> new ModelView(m.modelId(), m.provider(), m.displayName(), m.tokenizer(), m.tokensExact(),
                        m.deprecatedAt(), regions.getOrDefault(m.modelId(), List.of())))
                .toList();
        return new ModelList(when, models, "Token counts are estimates made with the model's tokenizer (cl100k_base, "
                + "o200k_base or chars/N) unless tokens_exact is true: no model's own tokenizer is public.");
    }

    @PostMapping(path = "/import", consumes = "application/json")
    @Operation(summary = "Import an AWS Price List offer file (the body) for AWSQueueService/AmazonSQS, AWSLambda or "
            + "AmazonBedrock; idempotent, versioned, all or nothing")
    ImportReport importOffer(HttpServletRequest request, @RequestParam(required = false) String region) {
        Set<String> regions = new LinkedHashSet<>();
        if (region != null) {
            for (String r : region.split(",")) {
                String code = region(r.strip());
                if (code != null) regions.add(code);
            }
        }
        return book.importOffers(List.of(new PriceBook.OfferSource("request body", request::getInputStream)), regions);
    }

    private static Instant at(String raw) {
        Instant at = QueryParams.instant("at", raw);
        return at == null ? Instant.now() : at;
    }

    private static String region(String raw) {
        if (raw == null || raw.isBlank()) return null;
        if (!REGION.matcher(raw).matches()) throw QueryParams.invalid("region", "must be an AWS region code such as us-east-1");
        return raw;
    }

}
