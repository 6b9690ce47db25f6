package io.mockupaws.ops.backup;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the backup tools and the restore reach the application's PostgreSQL: the JDBC URL and credentials the
 * application itself uses ({@code spring.datasource.*}), turned into libpq arguments for {@code pg_dump},
 * {@code pg_restore} and {@code pg_basebackup}. The password goes into the tool's environment only
 * ({@code PGPASSWORD}): never on a command line, where {@code ps} shows it, and never in a message.
 */
record PgConnection(String jdbcUrl, String host, int port, String database, String user, String password,
                    Map<String, String> libpqEnvironment) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]*)(?:/([^?]*))?(?:\\?(.*))?");
    private static final Pattern SHORT_URL = Pattern.compile("jdbc:postgresql:([^/?][^?]*)(?:\\?(.*))?");

    /** Connection parameters libpq knows under another name, from the JDBC URL's query. */
    private static final Map<String, String> LIBPQ_PARAMETERS = Map.of(
            "sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT", "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY",
            "connectTimeout", "PGCONNECT_TIMEOUT");

    PgConnection {
        libpqEnvironment = Map.copyOf(libpqEnvironment);
    }

    static PgConnection parse(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new BackupException("No database is configured (spring.datasource.url is empty)");
        }
        String hosts;
        String database;
        String query;
        Matcher m = URL.matcher(jdbcUrl.strip());
        if (m.matches()) {
            hosts = m.group(1);
            database = m.group(2);
            query = m.group(3);
        } else {
            Matcher s = SHORT_URL.matcher(jdbcUrl.strip());
            if (!s.matches()) {
                throw new BackupException("Cannot read the database URL '" + redact(jdbcUrl)
                        + "': expected jdbc:postgresql://host[:port]/database");
            }
            hosts = "localhost";
            database = s.group(1);
            query = s.group(2);
        }
        // Several hosts are a failover list; the tools talk to the first, as the driver does first.
        String first = hosts.split(",")[0];
        String host = first;
        int port = 5432;
        int colon = first.lastIndexOf(':');
        if (colon > 0 && !first.endsWith("]")) {
            host = first.substring(0, colon);
            port = Integer.parseInt(first.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty()) host = "localhost";
        Map<String, String> env = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String name = LIBPQ_PARAMETERS.get(kv[0]);
                if (name != null && kv.length == 2) env.put(name, URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                if (kv[0].equals("user") && (user == null || user.isBlank()) && kv.length == 2) user = decode(kv[1]);
                if (kv[0].equals("password") && (password == null || password.isEmpty()) && kv.length == 2) password = decode(kv[1]);
            }
        }
        String db = database == null || database.isBlank() ? user : decode(database);
        return new PgConnection(jdbcUrl.strip(), host, port, db, user, password, env);
    }

    /** The same server, another database: for CREATE/DROP DATABASE (from "postgres") and restores into new ones. */
    PgConnection withDatabase(String other) {
        String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + other;
        int q = jdbcUrl.indexOf('?');
        if (q >= 0) url += jdbcUrl.substring(q);
        return new PgConnection(url, host, port, other, user, password, libpqEnvironment);
    }

    Connection open() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** {@code --host --port --username}, and {@code --no-password}: a tool must fail, not wait for a prompt. */
    List<String> toolArguments() {
        return List.of("--host", host, "--port", Integer.toString(port), "--username", user == null ? "" : user,
                "--no-password");
    }

    /** What a tool's environment needs on top of this process's own. */
    Map<String, String> toolEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(libpqEnvironment);
        if (password != null) env.put("PGPASSWORD", password);
        env.put("PGAPPNAME", "mockupaws-backup");
        return env;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }
}
