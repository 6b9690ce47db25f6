package io.mockupaws.ops.backup;

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

    WalShipping(Environment env) {
        boolean embedded = env.getProperty(DatabaseEnvironment.EMBEDDED_FLAG, Boolean.class, false);
        boolean archiving = env.getProperty("mockupaws.backup.wal-archiving", Boolean.class, true);
        if (!embedded || !archiving) return;
        Path dataDir = Path.of(env.getProperty("mockupaws.data-dir", "./data"));
        EmbeddedPostgres.ownedByThisProcess(dataDir).ifPresent(WalShipper::startFor);
    }
}
