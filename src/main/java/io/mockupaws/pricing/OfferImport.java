package io.mockupaws.pricing;

import io.mockupaws.pricing.ImportReport.PriceChange;
import io.mockupaws.pricing.ImportReport.TierPrice;
import io.mockupaws.pricing.OfferClassifier.Kept;
import io.mockupaws.pricing.OfferClassifier.Skipped;
import io.mockupaws.pricing.OfferReader.Dimension;
import io.mockupaws.pricing.OfferReader.Term;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies one offer file to the price book, inside the caller's transaction.
 *
 * <p>Per price group ({@link PriceKey}): tiers identical to those in force (compared per single unit, so 0.40 per 1M
 * equals 0.0000004 per 1) → unchanged, which makes an import idempotent; otherwise the rows in force are closed
 * ({@code effective_to}) and the new tiers inserted, effective from the offer term's {@code effectiveDate} (else the
 * file's publication date, else now). A changed price whose date is not after the one in force is refused: offer
 * versions must be imported in order, or history would be rewritten.
 *
 * <p>Free tier: a first range priced $0 from 0 to a finite end, followed by priced ranges (SQS states its first
 * 1,000,000 requests so), is the free tier, which the engine applies itself when a scenario asks for it
 * ({@code free_tier}). It is not stored, and the next range is stored from 0: with the free tier off, those requests
 * are billed at the first tier's price, as the engine's free-tier-off default intends.
 */
@Component
class OfferImport {

    private final PriceBookRepository book;
    private final JsonMapper json;

    OfferImport(PriceBookRepository book, JsonMapper json) {
        this.book = book;
        this.json = json;
    }

    ImportReport.OfferResult apply(PriceBook.OfferSource source, Set<String> regions) {
        String file = source.label();
        Map<String, String> modelIdByName = new HashMap<>();
        book.models().forEach(m -> modelIdByName.put(m.displayName(), m.modelId()));
        OfferClassifier classifier = new OfferClassifier(modelIdByName, regions);
        Map<String, PriceKey> keyBySku = new HashMap<>();
        Map<String, Integer> skipped = new TreeMap<>();
        String[] offerCode = new String[1];

        OfferReader.ProductFilter filter = new OfferReader.ProductFilter() {
            @Override
            public void offerCode(String code) {
                if (!OfferClassifier.supported(code)) throw OfferFileException.unsupported(file, code);
                offerCode[0] = code;
            }

            @Override
            public boolean test(OfferReader.Product p) {
                // Before "offerCode" (never so in AWS files), a product's own servicecode says which offer it is of.
                String code = offerCode[0] != null ? offerCode[0] : p.attributes().getOrDefault("servicecode", "");
                OfferClassifier.Verdict v = classifier.classify(code, p);
                if (v instanceof Kept k) {
                    keyBySku.put(p.sku(), k.key());
                    return true;
                }
                skipped.merge(((Skipped) v).reason(), 1, Integer::sum);
                return false;
            }
        };
        OfferReader.Offer offer;
        try (InputStream in = source.content().open()) {
            offer = new OfferReader(json, file).read(in, filter);
        } catch (IOException e) {
            throw OfferFileException.notAnOffer(file, "cannot be read: " + e.getMessage());
        }
        if (!OfferClassifier.supported(offer.offerCode())) throw OfferFileException.unsupported(file, offer.offerCode());

        Map<PriceKey, Group> groups = new LinkedHashMap<>();
        for (var e : keyBySku.entrySet()) {
            List<Term> terms = offer.terms().getOrDefault(e.getKey(), List.of());
            if (terms.isEmpty()) {
                skipped.merge("product without an on-demand price", 1, Integer::sum);
                continue;
            }
            Term term = terms.stream().max(Comparator.comparing(t -> t.effectiveDate() == null ? Instant.MIN : t.effectiveDate()))
                    .orElseThrow();
            Group g = group(file, e.getValue(), e.getKey(), term, skipped);
            if (g == null) continue;
            Group other = groups.putIfAbsent(e.getValue(), g);
            if (other != null && !sameTiers(other.tiers, g.tiers)) {
                throw OfferFileException.notAnOffer(file, "products " + other.sku + " and " + g.sku + " both price "
                        + e.getValue() + ", differently");
            }
        }

        String sourceText = "AWS Price List " + offer.offerCode() + " " + offer.version() + " (" + file + ")";
        Instant fallbackDate = offer.publicationDate() != null ? offer.publicationDate() : Instant.now();
        List<PriceChange> added = new ArrayList<>();
        List<PriceChange> changed = new ArrayList<>();
        int unchanged = 0;
        List<PriceKey> keys = new ArrayList<>(groups.keySet());
        keys.sort(Comparator.comparing(PriceKey::toString));
        for (PriceKey key : keys) {
            Group g = groups.get(key);
            Instant from = g.effectiveDate != null ? g.effectiveDate : fallbackDate;
            List<PriceEntry> current = book.current(key);
            List<PriceTier> before = current.stream().map(PriceEntry::tier).toList();
            if (!current.isEmpty() && sameTiers(before, g.tiers)) {
                unchanged++;
                continue;
            }
            if (!current.isEmpty()) {
                Instant inForceSince = current.stream().map(PriceEntry::effectiveFrom).max(Comparator.naturalOrder()).orElseThrow();
                if (!from.isAfter(inForceSince)) {
                    throw OfferFileException.notAnOffer(file, key + " changes with effective date " + from
                            + ", not after the price in force since " + inForceSince + "; import offer versions in order");
                }
                book.close(key, from);
            }
            for (PriceTier t : g.tiers) book.insert(key, t, from, sourceText);
            PriceChange change = new PriceChange(key.service(), key.region(), key.dimension(), key.variant(), from,
                    before.stream().map(TierPrice::of).toList(), g.tiers.stream().map(TierPrice::of).toList());
            (current.isEmpty() ? added : changed).add(change);
        }
        List<String> skippedLines = new ArrayList<>();
        skipped.forEach((reason, n) -> skippedLines.add(n + (n == 1 ? " product: " : " products: ") + reason));
        Set<String> regionsRead = new TreeSet<>();
        groups.keySet().forEach(k -> regionsRead.add(k.region()));
        return new ImportReport.OfferResult(file, offer.offerCode(), offer.version(), offer.publicationDate(),
                List.copyOf(regionsRead), groups.size(), added, changed, unchanged, skippedLines);
    }

    private record Group(String sku, List<PriceTier> tiers, Instant effectiveDate) {}

    /** The tiers of one product's term, free-tier range removed, checked contiguous from 0 to ∞; null when skipped. */
    private static Group group(String file, PriceKey key, String sku, Term term, Map<String, Integer> skipped) {
        List<Dimension> dims = new ArrayList<>(term.dimensions());
        dims.sort(Comparator.comparing(Dimension::begin));
        if (dims.size() > 1 && dims.getFirst().begin().signum() == 0 && dims.getFirst().usd().signum() == 0
                && dims.getFirst().end() != null) {
            BigDecimal freeEnd = dims.removeFirst().end();
            Dimension next = dims.getFirst();
            if (next.begin().compareTo(freeEnd) != 0) {
                throw OfferFileException.notAnOffer(file, "the tiers of " + key + " (" + sku + ") are not contiguous after "
                        + freeEnd.toPlainString());
            }
            dims.set(0, new Dimension(next.rateCode(), BigDecimal.ZERO, next.end(), next.unit(), next.usd(), next.description()));
        }
        List<PriceTier> tiers = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        for (Dimension d : dims) {
            OfferClassifier.Unit unit = OfferClassifier.unit(key.service(), key.dimension(), d.unit());
            if (unit == null) {
                skipped.merge("unit '" + d.unit() + "' cannot price " + key.dimension(), 1, Integer::sum);
                return null;
            }
            if (expected == null || d.begin().compareTo(expected) != 0 || (d.end() != null && d.end().compareTo(d.begin()) <= 0)) {
                throw OfferFileException.notAnOffer(file, "the tiers of " + key + " (" + sku + ") are not contiguous from 0: "
                        + dims.stream().map(x -> "[" + x.begin().toPlainString() + ", "
                                + (x.end() == null ? "Inf" : x.end().toPlainString()) + ")").toList());
            }
            tiers.add(new PriceTier(d.begin(), d.end(), new UnitPrice(d.usd(), unit.quantity(), unit.unit())));
            expected = d.end();
        }
        if (expected != null) {
            throw OfferFileException.notAnOffer(file, "the last tier of " + key + " (" + sku + ") is not open-ended");
        }
        return new Group(sku, List.copyOf(tiers), term.effectiveDate());
    }

    /** Same ranges and the same price per single unit (0.40 / 1M = 0.0000004 / 1). */
    private static boolean sameTiers(List<PriceTier> a, List<PriceTier> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            PriceTier x = a.get(i);
            PriceTier y = b.get(i);
            if (x.beginRange().compareTo(y.beginRange()) != 0) return false;
            if (!Objects.equals(x.endRange() == null, y.endRange() == null)) return false;
            if (x.endRange() != null && x.endRange().compareTo(y.endRange()) != 0) return false;
            if (!x.price().unit().equals(y.price().unit())) return false;
            if (perUnit(x.price()).compareTo(perUnit(y.price())) != 0) return false;
        }
        return true;
    }

    private static BigDecimal perUnit(UnitPrice p) {
        return Money.divide(p.pricePerUnit(), p.unitQuantity());
    }
}
