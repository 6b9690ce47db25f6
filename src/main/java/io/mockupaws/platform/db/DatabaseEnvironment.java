package io.mockupaws.platform.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides, before any bean exists, which PostgreSQL the application talks to, and sets {@code spring.datasource.*}
 * accordingly, so that Boot's own DataSource, Hikari and Flyway wiring stay untouched:
 * <ul>
 *   <li>{@code MOCKUPAWS_DATABASE_URL} set: that server (JDBC URL or libpq-style {@code postgresql://user:pw@host/db}),
 *       credentials from {@code MOCKUPAWS_DATABASE_USER}/{@code _PASSWORD} or the URL; no embedded server.</li>
 *   <li>otherwise: the embedded server in {@code ${MOCKUPAWS_DATA_DIR:-./data}/pg}, started here, with WAL archiving
 *       into the backup store unless {@code MOCKUPAWS_WAL_ARCHIVING=false} (see {@link WalArchiving}).</li>
 * </ul>
 * {@code MOCKUPAWS_DATABASE_POOLER=pgbouncer} adds what PgBouncer's transaction pooling needs.
 */
public class DatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String EMBEDDED_FLAG = "mockupaws.database.embedded";

    private final Log log;

    public DatabaseEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(DatabaseEnvironment.class);
    }

    /** {@code false}: do not start the embedded server (set by commands that need no database). */
    public static final String EMBEDDED_START = "mockupaws.database.embedded-start";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();
        String url = env.getProperty("mockupaws.database.url", "").strip();
        String user = env.getProperty("mockupaws.database.user", "").strip();
        String password = env.getProperty("mockupaws.database.password", "");
        if (!url.isEmpty()) {
            ExternalDatabase db = ExternalDatabase.parse(url, user, password);
            props.put("spring.datasource.url", withPoolerSettings(db.jdbcUrl(), env));
            if (db.user() != null) props.put("spring.datasource.username", db.user());
            if (db.password() != null) props.put("spring.datasource.password", db.password());
            props.put(EMBEDDED_FLAG, "false");
        } else if (!env.getProperty(EMBEDDED_START, Boolean.class, true)) {
            // A command that needs no database (point-in-time restore into a new directory) must not depend on this
            // installation's own server starting: it may be what is being recovered from.
            props.put(EMBEDDED_FLAG, "true");
        } else {
            Path dataDir = Path.of(env.getProperty("mockupaws.data-dir", "./data"));
            int port = env.getProperty("mockupaws.database.embedded-port", Integer.class, 0);
            String database = env.getProperty("mockupaws.database.embedded-name", "mockupaws");
            EmbeddedPostgres pg = EmbeddedPostgres.start(dataDir, port, database,
                    EmbeddedServerSettings.from(env, dataDir, log), WalArchiving.serverEnvironment(env));
            if (env.getProperty("mockupaws.database.embedded-fresh", Boolean.class, false)) pg.recreateOncePerJvm(database);
            props.put("spring.datasource.url", withPoolerSettings(pg.jdbcUrl(database), env));
            props.put("spring.datasource.username", pg.user());
            props.put("spring.datasource.password", pg.password());
            props.put(EMBEDDED_FLAG, "true");
        }
        env.getPropertySources().addFirst(new MapPropertySource("mockupaws-database", props));
    }

    private static String withPoolerSettings(String jdbcUrl, ConfigurableEnvironment env) {
        String pooler = env.getProperty("mockupaws.database.pooler", "none");
        if (!"pgbouncer".equalsIgnoreCase(pooler)) return jdbcUrl;
        // Transaction pooling hands each transaction to any server connection: server-side prepared statements
        // (PgJDBC's default after 5 uses) would be missing there, so they are turned off.
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "prepareThreshold=0";
    }

    @Override
    public int getOrder() {
        // After config files and the environment are read, so MOCKUPAWS_* from any source are seen.
        return Ordered.LOWEST_PRECEDENCE;
    }

    record ExternalDatabase(String jdbcUrl, String user, String password) {
        static ExternalDatabase parse(String url, String user, String password) {
            String u = user.isEmpty() ? null : user;
            String p = password.isEmpty() ? null : password;
            if (url.startsWith("jdbc:postgresql:")) return new ExternalDatabase(url, u, p);
            if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                URI uri = URI.create(url);
                if (uri.getRawUserInfo() != null) {
                    String[] parts = uri.getRawUserInfo().split(":", 2);
                    if (u == null) u = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                    if (p == null && parts.length > 1) p = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
                }
                String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
                String jdbc = "jdbc:postgresql://" + hostPort + (uri.getRawPath() == null ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                return new ExternalDatabase(jdbc, u, p);
            }
            throw new IllegalArgumentException("MOCKUPAWS_DATABASE_URL must be a jdbc:postgresql:// or postgresql:// URL");
        }
    }
}
