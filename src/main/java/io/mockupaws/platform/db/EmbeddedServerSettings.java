package io.mockupaws.platform.db;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.core.env.ConfigurableEnvironment;

/** Server settings of the embedded PostgreSQL that come from mockupAWS configuration. */
final class EmbeddedServerSettings {

    private EmbeddedServerSettings() {}

    static Map<String, String> from(ConfigurableEnvironment env, Path dataDir, Log log) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_connections", env.getProperty("mockupaws.database.embedded-max-connections", "200"));
        settings.putAll(WalArchiving.settings(env, dataDir, log));
        return settings;
    }
}
