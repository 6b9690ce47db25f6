package io.mockupaws.pricing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * Writes the default price book ({@link DefaultPrices}) into the database: the Bedrock models and every us-east-1
 * price, effective from {@link DefaultPrices#EFFECTIVE_FROM}.
 *
 * <p>Seeding from the Java class rather than from generated SQL keeps one source of the numbers: the engine's tests
 * and the seeded book cannot disagree. Plain JDBC on the given connection, because Flyway runs it before the
 * application context exists (see {@link V5__Seed_default_prices}); tests use it to restore the book.
 */
public final class DefaultPriceSeed {

    private DefaultPriceSeed() {}

    public static void insert(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO bedrock_models (model_id, provider, display_name, tokenizer, tokens_exact, deprecated_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (BedrockModel m : DefaultPrices.models()) {
                ps.setString(1, m.modelId());
                ps.setString(2, m.provider());
                ps.setString(3, m.displayName());
                ps.setString(4, m.tokenizer().name());
                ps.setBoolean(5, m.tokensExact());
                ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO prices (service, region, dimension, variant, tier_start, tier_end, unit, unit_quantity,
                                    price_per_unit, effective_from, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            Timestamp from = Timestamp.from(DefaultPrices.EFFECTIVE_FROM);
            for (DefaultPrices.Entry e : DefaultPrices.entries()) {
                ps.setString(1, e.service());
                ps.setString(2, e.region());
                ps.setString(3, e.dimension());
                ps.setString(4, e.variant());
                ps.setBigDecimal(5, e.tier().beginRange());
                ps.setBigDecimal(6, e.tier().endRange());
                ps.setString(7, e.tier().price().unit());
                ps.setBigDecimal(8, e.tier().price().unitQuantity());
                ps.setBigDecimal(9, e.tier().price().pricePerUnit());
                ps.setTimestamp(10, from);
                ps.setString(11, e.source());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
