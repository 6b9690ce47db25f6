package io.mockupaws.pricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the price book: prices in force at an instant, the models, and the importer's versioned writes. */
@Repository
class PriceBookRepository {

    private static final String COLUMNS = """
            service, region, dimension, variant, tier_start, tier_end, unit, unit_quantity, price_per_unit,
            effective_from, effective_to, source""";
    /** In force at :at. PriceBook.inForce is the same rule, applied to cached rows. */
    private static final String IN_FORCE = "effective_from <= :at AND (effective_to IS NULL OR effective_to > :at)";

    private final JdbcClient jdbc;

    PriceBookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every row, of every time, a pipeline config can be priced with: its queue type, architecture and model in
     * {@code region}. All times rather than those in force at one instant, so one cached copy answers for any
     * instant (a price that comes into force later is already in it).
     */
    List<PriceEntry> forSheetAtAnyTime(String region, String queueType, String architecture, String modelId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM prices WHERE region = :region
                         AND ((service = 'sqs' AND variant = :queue)
                           OR (service = 'lambda' AND variant = :arch)
                           OR (service = 'bedrock' AND variant = :model))
                        ORDER BY service, dimension, tier_start, effective_from""")
                .param("region", region)
                .param("queue", queueType).param("arch", architecture).param("model", modelId)
                .query(PriceBookRepository::entry).list();
    }

    /** The counter every change to prices or bedrock_models moves (V40 triggers). */
    long version() {
        return jdbc.sql("SELECT version FROM price_book_version").query(Long.class).single();
    }

    /** Prices in force at {@code at}, optionally of one service and/or region. */
    List<PriceEntry> inForce(String service, String region, Instant at) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prices WHERE " + IN_FORCE + """
                         AND (CAST(:service AS text) IS NULL OR service = :service)
                         AND (CAST(:region AS text) IS NULL OR region = :region)
                        ORDER BY region, service, dimension, variant, tier_start""")
                .param("at", Timestamp.from(at))
                .param("service", service, java.sql.Types.VARCHAR).param("region", region, java.sql.Types.VARCHAR)
                .query(PriceBookRepository::entry).list();
    }

    /** Model id → regions where it has a price in force at {@code at}. */
    Map<String, List<String>> modelRegions(Instant at) {
        Map<String, List<String>> regions = new HashMap<>();
        jdbc.sql("SELECT DISTINCT variant, region FROM prices WHERE service = 'bedrock' AND " + IN_FORCE
                        + " ORDER BY variant, region")
                .param("at", Timestamp.from(at))
                .query((RowCallbackHandler) rs -> regions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)));
        return regions;
    }

    List<BedrockModel> models() {
        return jdbc.sql("""
                        SELECT model_id, provider, display_name, tokenizer, tokens_exact, deprecated_at
                        FROM bedrock_models ORDER BY provider, model_id""")
                .query(PriceBookRepository::model).list();
    }

    // --- importer ---------------------------------------------------------------------------------------------

    /** Imports serialize: two concurrent imports of overlapping offers must not both close and reopen a price. */
    void lockForImport() {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('mockupaws:price-import'))").query(Object.class).single();
    }

    List<PriceEntry> current(PriceKey key) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM prices WHERE service = :service AND region = :region AND dimension = :dimension
                          AND variant = :variant AND effective_to IS NULL
                        ORDER BY tier_start""")
                .param("service", key.service()).param("region", key.region())
                .param("dimension", key.dimension()).param("variant", key.variant())
                .query(PriceBookRepository::entry).list();
    }

    void close(PriceKey key, Instant effectiveTo) {
        jdbc.sql("""
                        UPDATE prices SET effective_to = :to
                        WHERE service = :service AND region = :region AND dimension = :dimension AND variant = :variant
                          AND effective_to IS NULL""")
                .param("to", Timestamp.from(effectiveTo))
                .param("service", key.service()).param("region", key.region())
                .param("dimension", key.dimension()).param("variant", key.variant())
                .update();
    }

    void insert(PriceKey key, PriceTier tier, Instant effectiveFrom, String source) {
        jdbc.sql("""
                        INSERT INTO prices (service, region, dimension, variant, tier_start, tier_end, unit, unit_quantity,
                                            price_per_unit, effective_from, source)
                        VALUES (:service, :region, :dimension, :variant, :start, :end, :unit, :quantity, :price, :from, :source)""")
                .param("service", key.service()).param("region", key.region())
                .param("dimension", key.dimension()).param("variant", key.variant())
                .param("start", tier.beginRange()).param("end", tier.endRange(), java.sql.Types.NUMERIC)
                .param("unit", tier.price().unit()).param("quantity", tier.price().unitQuantity())
                .param("price", tier.price().pricePerUnit())
                .param("from", Timestamp.from(effectiveFrom)).param("source", source)
                .update();
    }

    private static PriceEntry entry(ResultSet rs, int row) throws SQLException {
        Timestamp to = rs.getTimestamp("effective_to");
        return new PriceEntry(rs.getString("service"), rs.getString("region"), rs.getString("dimension"),
                rs.getString("variant"), plain(rs.getBigDecimal("tier_start")), plain(rs.getBigDecimal("tier_end")),
                rs.getString("unit"), plain(rs.getBigDecimal("unit_quantity")), plain(rs.getBigDecimal("price_per_unit")),
                rs.getTimestamp("effective_from").toInstant(), to == null ? null : to.toInstant(), rs.getString("source"));
    }

    private static BedrockModel model(ResultSet rs, int row) throws SQLException {
        Timestamp deprecated = rs.getTimestamp("deprecated_at");
        return new BedrockModel(rs.getString("model_id"), rs.getString("provider"), rs.getString("display_name"),
                Tokenizer.of(rs.getString("tokenizer")), rs.getBoolean("tokens_exact"),
                deprecated == null ? null : deprecated.toInstant());
    }

    /** NUMERIC comes back with the scale it was stored with; prices read best without trailing zeros. */
    private static BigDecimal plain(BigDecimal v) {
        if (v == null) return null;
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
