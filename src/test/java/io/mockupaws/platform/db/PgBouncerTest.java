package io.mockupaws.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.MockupAwsApplication;
import io.mockupaws.support.Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * mockupAWS through a real PgBouncer (the Debian package) in transaction pooling, as config/pgbouncer.ini runs
 * it: migrations, scenario CRUD and concurrent ingest all go through it.
 */
class PgBouncerTest {

    private static Process bouncer;
    private static ConfigurableApplicationContext app;
    private static Api api;
    private static Api shipper;
    private static Path dir;

    @BeforeAll
    static void startPgBouncerAndTheAppBehindIt() throws Exception {
        Path binary = Path.of("/usr/sbin/pgbouncer");
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("pgbouncer is not installed: apt-get install pgbouncer (.ci/run does)");
        }
        EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of("target/test-data"), 0, "mockupaws_bouncer", Map.of());
        pg.recreateOncePerJvm("mockupaws_bouncer");
        dir = Path.of("target", "pgbouncer").toAbsolutePath();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) { port = s.getLocalPort(); }
        // the shipped config, with this test's addresses and files
        String ini = Files.readString(Path.of("config/pgbouncer.ini"))
                .replace("mockupaws = host=127.0.0.1 port=5432 dbname=mockupaws",
                        "mockupaws_bouncer = host=127.0.0.1 port=" + pg.port() + " dbname=mockupaws_bouncer")
                .replace("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1")
                .replace("listen_port = 6432", "listen_port = " + port)
                .replace("auth_file = /etc/pgbouncer/userlist.txt", "auth_file = " + dir.resolve("userlist.txt")
                        + "\nlogfile = " + dir.resolve("pgbouncer.log") + "\npidfile = " + dir.resolve("pgbouncer.pid"))
                .replace("log_connections = 0", "log_connections = 1");
        Files.writeString(dir.resolve("pgbouncer.ini"), ini);
        Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"" + pg.password() + "\"\n");
        Files.deleteIfExists(dir.resolve("pgbouncer.log"));
        dir.toFile().setWritable(true, false); // pgbouncer drops to nobody when started as root
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        if ("root".equals(System.getProperty("user.name"))) cmd.addAll(List.of("-u", "nobody"));
        cmd.add(dir.resolve("pgbouncer.ini").toString());
        bouncer = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitPort(port);

        app = new SpringApplicationBuilder(MockupAwsApplication.class).run(
                "--server.port=0",
                "--mockupaws.database.url=jdbc:postgresql://127.0.0.1:" + port + "/mockupaws_bouncer",
                "--mockupaws.database.user=postgres", "--mockupaws.database.password=" + pg.password(),
                "--mockupaws.database.pooler=pgbouncer", "--mockupaws.scheduling.enabled=false",
                "--mockupaws.data-dir=target/pgbouncer-app-data",
                "--mockupaws.jwt.secret=pgbouncer-test-secret-at-least-32-bytes-long");
        Api anonymous = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
        // a real account, signed in through the API, and an ingest key of its own
        String email = "pool-" + System.nanoTime() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"pooled-password-2026\"}";
        Api.Response registered = anonymous.post("/api/v1/auth/register", credentials);
        if (registered.status() != 201) throw new AssertionError("register: " + registered);
        String token = anonymous.post("/api/v1/auth/login", credentials).json().get("access_token").asString();
        api = anonymous.withBearer(token);
        String key = api.post("/api/v1/api-keys", "{\"name\":\"shipper\",\"scopes\":[\"ingest\"]}").json().get("key").asString();
        shipper = anonymous.withApiKey(key);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.close();
        if (bouncer != null) {
            bouncer.destroy();
            bouncer.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void crudAndConcurrentIngestWorkThroughTransactionPooling() throws Exception {
        String id = api.post("/api/v1/scenarios", "{\"name\":\"through pgbouncer\",\"tags\":[\"pool\"]}").json().get("id").asString();
        assertThat(api.get("/api/v1/scenarios?tag=pool").json().get("total").asLong()).isPositive();
        assertThat(api.put("/api/v1/scenarios/" + id, "{\"description\":\"pooled\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/scenarios/" + id + "/start").status()).isEqualTo(200);

        int clients = 8, requests = 15;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(pool.submit(() -> {
                    int ok = 0;
                    for (int r = 0; r < requests; r++) {
                        var resp = shipper.send(java.net.http.HttpRequest.newBuilder(api.uri("/ingest"))
                                .header("Content-Type", "application/x-ndjson").header("X-Scenario-ID", id)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"a\"}\n{\"message\":\"b\"}\n")));
                        if (resp.status() == 200) ok++;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : fs) assertThat(f.get()).isEqualTo(requests);
        }
        assertThat(api.post("/api/v1/scenarios/" + id + "/stop").status()).isEqualTo(200);
        Api.Response flush = shipper.send(java.net.http.HttpRequest.newBuilder(api.uri("/flush")).header("X-Scenario-ID", id)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(flush.json().at("/totals/events").asLong()).isEqualTo(2L * clients * requests);
        assertThat(api.delete("/api/v1/scenarios/" + id).status()).isEqualTo(204);

        // the traffic really went through PgBouncer
        assertThat(Files.readString(dir.resolve("pgbouncer.log"))).contains("login attempt: db=mockupaws_bouncer user=postgres");
    }

    private static void awaitPort(int port) throws InterruptedException, IOException {
        for (int i = 0; i < 100; i++) {
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!bouncer.isAlive()) throw new IOException("pgbouncer exited: " + Files.readString(dir.resolve("stdout.log")));
                Thread.sleep(100);
            }
        }
        throw new IOException("pgbouncer did not listen on " + port);
    }
}
