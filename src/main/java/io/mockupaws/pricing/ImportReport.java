package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What an import did, per offer file: prices added, prices changed (old rows closed), unchanged, and what was skipped. */
public record ImportReport(List<OfferResult> offers) {

    /**
     * @param priceGroups priced (service, region, dimension, variant) groups read from the file
     * @param skipped     products not imported and why, e.g. "120 products: Lambda usage type not in the pipeline"
     */
    public record OfferResult(String file, String offerCode, String version, Instant publicationDate,
                              List<String> regions, int priceGroups, List<PriceChange> added, List<PriceChange> changed,
                              int unchanged, List<String> skipped) {}

    /** One price group that changed: its tiers before (empty when new) and after, effective from {@code effectiveFrom}. */
    public record PriceChange(String service, String region, String dimension, String variant, Instant effectiveFrom,
                              List<TierPrice> before, List<TierPrice> after) {}

    /** A tier as stored: {@code [tierStart, tierEnd)} (null = ∞), {@code pricePerUnit} USD per {@code unitQuantity} {@code unit}. */
    public record TierPrice(BigDecimal tierStart, BigDecimal tierEnd, BigDecimal pricePerUnit, BigDecimal unitQuantity,
                            String unit) {

        static TierPrice of(PriceTier t) {
            return new TierPrice(t.beginRange(), t.endRange(), t.price().pricePerUnit(), t.price().unitQuantity(),
                    t.price().unit());
        }

        @Override
        public String toString() {
            return "[" + tierStart.toPlainString() + ", " + (tierEnd == null ? "∞" : tierEnd.toPlainString()) + ") "
                    + pricePerUnit.toPlainString() + " USD / " + unitQuantity.toPlainString() + " " + unit;
        }
    }

    /** Added + changed price groups over all files. */
    public int changes() {
        return offers.stream().mapToInt(o -> o.added().size() + o.changed().size()).sum();
    }
}
