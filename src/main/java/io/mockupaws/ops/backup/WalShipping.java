package io.mockupaws.ops.backup;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mockupaws.platform.db.DatabaseEnvironment;
import io.mockupaws.platform.db.EmbeddedPostgres;
import java.nio.file.Path;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts shipping the embedded server's WAL from this process ({@link WalShipper}) when this process runs that
 * server with archiving on. Until it does — while the context starts — the archive_command pushes by itself.
 */
@Component
class WalShipping {

    private final Path dataDir;

    WalShipping(Environment env, MeterRegistry registry) {
        this.dataDir = Path.of(env.getProperty("mockupaws.data-dir", "./data"));
        boolean embedded = env.getProperty(DatabaseEnvironment.EMBEDDED_FLAG, Boolean.class, false);
        boolean archiving = env.getProperty("mockupaws.backup.wal-archiving", Boolean.class, true);
        if (!embedded || !archiving) return;
        EmbeddedPostgres.ownedByThisProcess(dataDir).ifPresent(WalShipper::startFor);
        // Read through the data directory each time: the shipper outlives this context, and a later one may replace it.
        // (the meter holds its state weakly: this bean, which lives as long as the registry's context)
        FunctionCounter.builder("mockupaws.wal.shipped", this, WalShipping::shipped)
                .description("WAL files this process archived for its embedded server (the rest went through wal-push)")
                .register(registry);
    }

    private long shipped() {
        return WalShipper.of(dataDir).map(WalShipper::shipped).orElse(0L);
    }
}
