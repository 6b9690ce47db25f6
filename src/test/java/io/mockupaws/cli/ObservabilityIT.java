package io.mockupaws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.mockupaws.support.Api;
import io.mockupaws.support.Files2;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar configured as in production: JSON logs, traces exported over OTLP/HTTP to a collector (here a
 * stand-in that decodes what it receives), and the actuator on a separate loopback port. One request's trace id is
 * the same in its log lines and in the exported span.
 */
class ObservabilityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void jsonLogLinesCarryTheTraceIdOfTheExportedSpanAndMetricsLiveOnTheManagementPort() throws Exception {
        List<Span> exported = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
            request.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> exported.addAll(s.getSpansList())));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();

        Path dataDir = Path.of("target", "it-observability").toAbsolutePath();
        Files2.deleteTree(dataDir);
        Path log = dataDir.resolveSibling("it-observability.log");
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> env = Map.of(
                "MOCKUPAWS_DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(port),
                "MOCKUPAWS_MANAGEMENT_PORT", Integer.toString(managementPort),
                "MOCKUPAWS_LOG_FORMAT", "json",
                "MOCKUPAWS_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "MOCKUPAWS_TRACE_SAMPLING", "1.0");
        // an administrator, bootstrapped as an operator would: Prometheus scrapes with an admin's credentials
        String adminPassword = "observability-admin-2026";
        JarProcess.Result bootstrap = JarProcess.runWithInput(Map.of("MOCKUPAWS_DATA_DIR", dataDir.toString()),
                adminPassword + "\n", "users", "create", "--email", "ops@example.com", "--role", "admin");
        assertThat(bootstrap.exit()).as(bootstrap.out()).isZero();
        Api anonymous = new Api(port);
        Process app = JarProcess.start(env, log,
                // a line logged inside every request, and spans sent within 200 ms rather than 5 s
                "--logging.level.org.springframework.web.servlet.DispatcherServlet=DEBUG",
                "--management.opentelemetry.tracing.export.schedule-delay=200ms");
        try {
            awaitHealthy(anonymous, app);
            String token = anonymous.post("/api/v1/auth/login",
                    "{\"email\":\"ops@example.com\",\"password\":\"" + adminPassword + "\"}").json().get("access_token").asString();
            Api api = anonymous.withBearer(token);
            String id = api.post("/api/v1/scenarios", "{\"name\":\"observed\"}").json().get("id").asString();
            assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(200);

            Span server = awaitSpan(exported, "http get /api/v1/scenarios/{id}");
            assertThat(attribute(server, "http.route")).isEqualTo("/api/v1/scenarios/{id}");
            String traceId = HexFormat.of().formatHex(server.getTraceId().toByteArray());
            assertThat(exported).as("the request's SQL, exported in the same trace").anySatisfy(s -> {
                assertThat(s.getName()).isEqualTo("query");
                assertThat(HexFormat.of().formatHex(s.getTraceId().toByteArray())).isEqualTo(traceId);
            });

            assertThat(api.get("/actuator/prometheus").status()).as("not on the public port").isEqualTo(404);
            Api management = new Api(managementPort).withBearer(token);
            Api.Response scrape = management.get("/actuator/prometheus");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.body()).contains("http_server_requests_seconds_bucket{")
                    .contains("uri=\"/api/v1/scenarios/{id}\"");

            List<JsonNode> lines = jsonLines(log);
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("message").asString()).isEqualTo("Completed 200 OK");
                assertThat(line.path("trace.id").asString()).isEqualTo(traceId);
                assertThat(line.path("span.id").asString()).hasSize(16);
            });
            assertThat(lines).anySatisfy(line -> assertThat(line.at("/log/level").asString()).isEqualTo("INFO"));
        } finally {
            app.destroy();
            app.waitFor(60, TimeUnit.SECONDS);
            collector.stop(0);
        }
    }

    /** Every line the application logged is one JSON object (the JVM's own warnings come before logging starts). */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("WARNING:"))
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (RuntimeException e) {
                        throw new AssertionError("not a JSON log line: " + l, e);
                    }
                })
                .toList();
    }

    private static Span awaitSpan(List<Span> exported, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (Span s : exported) if (s.getName().equals(name)) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("no span '" + name + "' exported; got " + exported.stream().map(Span::getName).toList());
    }

    private static String attribute(Span span, String key) {
        return span.getAttributesList().stream().filter(a -> a.getKey().equals(key)).findFirst()
                .map(KeyValue::getValue).map(v -> v.getStringValue()).orElse(null);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitHealthy(Api api, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("mockupAWS exited with " + p.exitValue());
            try {
                if (api.get("/api/v1/health").status() == 200) return;
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mockupAWS did not become healthy in 120 s");
    }
}
