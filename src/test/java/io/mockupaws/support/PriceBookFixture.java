package io.mockupaws.support;

import io.mockupaws.pricing.DefaultPriceSeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The price book is shared by every test of the run: a test that imports prices puts the default book back. */
public final class PriceBookFixture {

    private PriceBookFixture() {}

    public static void restoreDefaults(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE prices, bedrock_models");
            DefaultPriceSeed.insert(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture offer file of src/test/resources/offers. */
    public static Path offer(String name) {
        Path p = Path.of("src/test/resources/offers", name);
        if (!Files.isRegularFile(p)) throw new UncheckedIOException(new IOException("no fixture " + p.toAbsolutePath()));
        return p;
    }

    public static String offerText(String name) {
        try {
            return Files.readString(offer(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
