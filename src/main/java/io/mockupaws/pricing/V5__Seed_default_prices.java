package io.mockupaws.pricing;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 5: seeds the default price book from {@link DefaultPrices} (see {@link DefaultPriceSeed}). A Spring
 * bean, so that Spring Boot hands it to Flyway (packaged-jar classpath scanning is not involved). Applied once, like
 * any migration: newer prices come in through the importer, never by editing the defaults.
 */
@Component
class V5__Seed_default_prices extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        DefaultPriceSeed.insert(context.getConnection());
    }
}
