package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every price needed to price one pipeline config, already resolved by the caller for the config's region, queue
 * type, Lambda architecture and Bedrock model. Bedrock prices are the on-demand ones; batch mode is derived (50 %).
 *
 * @param region                 e.g. "us-east-1"
 * @param version                identifies the price book version the prices come from (reported with costs)
 * @param sqsRequestTiers        SQS request tiers of the queue type, contiguous from 0, last open-ended
 * @param lambdaRequest          Lambda request price
 * @param lambdaDurationTiers    Lambda compute GB-second tiers of the architecture, contiguous from 0, last open-ended
 * @param lambdaEphemeralStorage price of a GB-second of ephemeral storage above 512 MB
 * @param bedrockInputTokens     on-demand input token price of the model
 * @param bedrockOutputTokens    on-demand output token price of the model
 * @param freeTier               monthly free allowances (used only when the config enables the free tier)
 */
public record PriceSheet(
        String region,
        String version,
        List<PriceTier> sqsRequestTiers,
        UnitPrice lambdaRequest,
        List<PriceTier> lambdaDurationTiers,
        UnitPrice lambdaEphemeralStorage,
        UnitPrice bedrockInputTokens,
        UnitPrice bedrockOutputTokens,
        FreeTier freeTier) {

    public PriceSheet {
        requireText(region, "region");
        requireText(version, "version");
        sqsRequestTiers = validTiers(sqsRequestTiers, "sqsRequestTiers");
        requirePrice(lambdaRequest, "lambdaRequest", region, version);
        lambdaDurationTiers = validTiers(lambdaDurationTiers, "lambdaDurationTiers");
        requirePrice(lambdaEphemeralStorage, "lambdaEphemeralStorage", region, version);
        requirePrice(bedrockInputTokens, "bedrockInputTokens", region, version);
        requirePrice(bedrockOutputTokens, "bedrockOutputTokens", region, version);
        if (freeTier == null) throw new IllegalArgumentException("price sheet freeTier is missing (use FreeTier.NONE for none)");
    }

    /**
     * Checks that {@code tiers} are non-empty, sorted, contiguous from 0 (each tier begins where the previous ends)
     * and end with an open-ended tier; prices are non-negative by construction of {@link UnitPrice}.
     *
     * @return an immutable copy
     * @throws IllegalArgumentException naming the list and the offending tier
     */
    public static List<PriceTier> validTiers(List<PriceTier> tiers, String name) {
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one price tier is required");
        }
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i) == null) throw new IllegalArgumentException(name + ": tier " + i + " is null");
        }
        BigDecimal expectedBegin = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            PriceTier tier = tiers.get(i);
            if (expectedBegin == null) {
                throw new IllegalArgumentException(name + ": tier " + (i - 1) + " is open-ended but is not the last tier");
            }
            if (tier.beginRange().compareTo(expectedBegin) != 0) {
                throw new IllegalArgumentException(i == 0
                        ? name + ": the first tier must begin at 0, begins at " + tier.beginRange().toPlainString()
                        : name + ": tiers must be sorted and contiguous; tier " + i + " begins at "
                                + tier.beginRange().toPlainString() + " but tier " + (i - 1) + " ends at "
                                + expectedBegin.toPlainString());
            }
            expectedBegin = tier.endRange();
        }
        if (expectedBegin != null) {
            throw new IllegalArgumentException(name + ": the last tier must be open-ended (endRange null), ends at "
                    + expectedBegin.toPlainString());
        }
        return List.copyOf(tiers);
    }

    private static void requirePrice(UnitPrice price, String name, String region, String version) {
        if (price == null) {
            throw new IllegalArgumentException("price sheet " + region + "/" + version + " has no " + name + " price");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("price sheet " + name + " must not be blank");
    }
}
