package io.mockupaws.pricing;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams an AWS Price List bulk offer file (real ones reach gigabytes) and keeps only the products a predicate
 * wants, with their on-demand price dimensions:
 *
 * <pre>
 * {"formatVersion": "v1.0", "offerCode": "AWSLambda", "version": "…", "publicationDate": "…",
 *  "products": {"&lt;sku&gt;": {"sku", "productFamily", "attributes": {"regionCode", "location", "usagetype", …}}},
 *  "terms": {"OnDemand": {"&lt;sku&gt;": {"&lt;sku&gt;.&lt;offerTermCode&gt;": {"effectiveDate",
 *            "priceDimensions": {"&lt;rateCode&gt;": {"beginRange", "endRange" ("Inf"), "unit",
 *                                             "pricePerUnit": {"USD"}, "description"}}}}},
 *            "Reserved": {…}}}
 * </pre>
 *
 * Only one product or one SKU's terms is held as a tree at a time; everything else is skipped token by token.
 * AWS writes products before terms; should a file put terms first, every SKU's on-demand terms are buffered until the
 * products are known.
 */
final class OfferReader {

    static final String FORMAT_VERSION = "v1.0";

    record Product(String sku, String productFamily, Map<String, String> attributes) {}

    record Dimension(String rateCode, BigDecimal begin, BigDecimal end, String unit, BigDecimal usd, String description) {}

    record Term(Instant effectiveDate, List<Dimension> dimensions) {}

    /** The header of the offer and the kept products with their on-demand terms. */
    record Offer(String offerCode, String version, Instant publicationDate, Map<String, Product> products,
                 Map<String, List<Term>> terms) {}

    /** Decides, per product, whether it is kept; also told the offer code as soon as it is read. */
    interface ProductFilter extends Predicate<Product> {
        void offerCode(String offerCode);
    }

    private final JsonMapper json;
    /** Reads one subtree of the stream; the tokens after it are the rest of the file, not trailing garbage. */
    private final ObjectReader subtree;
    private final String file;

    OfferReader(JsonMapper json, String file) {
        this.json = json;
        this.subtree = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.file = file;
    }

    Offer read(InputStream in, ProductFilter filter) {
        try (JsonParser p = json.createParser(in)) {
            return read(p, filter);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw OfferFileException.malformed(file, e.getOriginalMessage() + where);
        }
    }

    private Offer read(JsonParser p, ProductFilter filter) {
        if (p.nextToken() != JsonToken.START_OBJECT) throw OfferFileException.notAnOffer(file, "the file is not a JSON object");
        String formatVersion = null;
        String offerCode = null;
        String version = null;
        Instant publicationDate = null;
        Map<String, Product> products = null;
        Map<String, JsonNode> termNodes = null;
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "formatVersion" -> formatVersion = text(p, name);
                case "offerCode" -> {
                    offerCode = text(p, name);
                    filter.offerCode(offerCode);
                }
                case "version" -> version = text(p, name);
                case "publicationDate" -> publicationDate = instant(text(p, name), name);
                case "products" -> products = products(p, filter);
                case "terms" -> termNodes = onDemandTerms(p, products);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) throw OfferFileException.malformed(file, "content after the offer object");
        if (formatVersion == null) throw OfferFileException.notAnOffer(file, "no formatVersion");
        if (!FORMAT_VERSION.equals(formatVersion)) {
            throw OfferFileException.notAnOffer(file, "formatVersion '" + formatVersion + "' is not " + FORMAT_VERSION);
        }
        if (offerCode == null) throw OfferFileException.notAnOffer(file, "no offerCode");
        if (products == null) throw OfferFileException.notAnOffer(file, "no products");
        if (termNodes == null) throw OfferFileException.notAnOffer(file, "no terms");
        Map<String, List<Term>> terms = new HashMap<>();
        for (var e : termNodes.entrySet()) {
            if (products.containsKey(e.getKey())) terms.put(e.getKey(), terms(e.getKey(), e.getValue()));
        }
        return new Offer(offerCode, version == null ? "" : version, publicationDate, products, terms);
    }

    private Map<String, Product> products(JsonParser p, Predicate<Product> filter) {
        expectObject(p, "products");
        Map<String, Product> kept = new LinkedHashMap<>();
        String sku;
        while ((sku = p.nextName()) != null) {
            p.nextToken();
            expectObject(p, "products." + sku);
            JsonNode node = subtree.readTree(p);
            Map<String, String> attributes = new HashMap<>();
            JsonNode attrs = node.path("attributes");
            if (!attrs.isObject()) throw OfferFileException.notAnOffer(file, "product " + sku + " has no attributes");
            for (var a : attrs.properties()) {
                if (a.getValue().isValueNode()) attributes.put(a.getKey(), a.getValue().asString());
            }
            Product product = new Product(sku, node.path("productFamily").asString(""), attributes);
            if (filter.test(product)) kept.put(sku, product);
        }
        return kept;
    }

    /** terms.OnDemand as one tree per SKU; only for kept products once the products are known. */
    private Map<String, JsonNode> onDemandTerms(JsonParser p, Map<String, Product> productsSoFar) {
        expectObject(p, "terms");
        Map<String, JsonNode> bySku = new HashMap<>();
        String termType;
        while ((termType = p.nextName()) != null) {
            p.nextToken();
            if (!termType.equals("OnDemand")) {
                p.skipChildren();
                continue;
            }
            expectObject(p, "terms.OnDemand");
            String sku;
            while ((sku = p.nextName()) != null) {
                p.nextToken();
                if (productsSoFar != null && !productsSoFar.containsKey(sku)) {
                    p.skipChildren();
                } else {
                    expectObject(p, "terms.OnDemand." + sku);
                    bySku.put(sku, subtree.readTree(p));
                }
            }
        }
        return bySku;
    }

    private List<Term> terms(String sku, JsonNode skuTerms) {
        List<Term> terms = new ArrayList<>();
        for (var t : skuTerms.properties()) {
            JsonNode term = t.getValue();
            String where = "terms.OnDemand." + sku + "." + t.getKey();
            JsonNode dims = term.path("priceDimensions");
            if (!dims.isObject()) throw OfferFileException.notAnOffer(file, where + " has no priceDimensions");
            List<Dimension> dimensions = new ArrayList<>();
            for (var d : dims.properties()) dimensions.add(dimension(where + ".priceDimensions." + d.getKey(), d.getValue()));
            String effective = term.path("effectiveDate").asString(null);
            terms.add(new Term(effective == null ? null : instant(effective, where + ".effectiveDate"), dimensions));
        }
        return terms;
    }

    private Dimension dimension(String where, JsonNode d) {
        String usd = d.path("pricePerUnit").path("USD").asString(null);
        if (usd == null) throw OfferFileException.notAnOffer(file, where + " has no pricePerUnit.USD");
        String unit = d.path("unit").asString(null);
        if (unit == null) throw OfferFileException.notAnOffer(file, where + " has no unit");
        String begin = d.path("beginRange").asString("0");
        String end = d.path("endRange").asString("Inf");
        return new Dimension(d.path("rateCode").asString(""), decimal(begin, where + ".beginRange"),
                end.equals("Inf") ? null : decimal(end, where + ".endRange"), unit, decimal(usd, where + ".pricePerUnit.USD"),
                d.path("description").asString(""));
    }

    private BigDecimal decimal(String s, String where) {
        try {
            BigDecimal v = new BigDecimal(s.strip());
            if (v.signum() < 0) throw OfferFileException.notAnOffer(file, where + " is negative: " + s);
            return v;
        } catch (NumberFormatException e) {
            throw OfferFileException.notAnOffer(file, where + " is not a decimal number: '" + s + "'");
        }
    }

    private Instant instant(String s, String where) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw OfferFileException.notAnOffer(file, where + " is not an ISO-8601 date-time: '" + s + "'");
            }
        }
    }

    private String text(JsonParser p, String name) {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw OfferFileException.notAnOffer(file, name + " is not a string");
        return p.getString();
    }

    private void expectObject(JsonParser p, String where) {
        if (p.currentToken() != JsonToken.START_OBJECT) throw OfferFileException.notAnOffer(file, where + " is not an object");
    }
}
