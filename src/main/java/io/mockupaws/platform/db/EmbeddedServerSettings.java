package io.mockupaws.platform.db;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;

/** Server settings of the embedded PostgreSQL that come from mockupAWS configuration. */
final class EmbeddedServerSettings {

    private EmbeddedServerSettings() {}

    static Map<String, String> from(ConfigurableEnvironment env) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("max_connections", env.getProperty("mockupaws.database.embedded-max-connections", "200"));
        return settings;
    }
}
