package io.mockupaws.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "health")
class HealthController {

    private final JdbcClient jdbc;
    private final String version;

    HealthController(JdbcClient jdbc, ObjectProvider<BuildProperties> build) {
        this.jdbc = jdbc;
        BuildProperties props = build.getIfAvailable();
        this.version = props == null ? "dev" : props.getVersion();
    }

    record Database(boolean reachable, String serverVersion, long latencyMs) {}

    record Health(String status, String version, Database database) {}

    @GetMapping("/api/v1/health")
    @SecurityRequirements
    @Operation(summary = "Service health: 200 when the database answers, 503 when it does not")
    ResponseEntity<Health> health() {
        long start = System.nanoTime();
        try {
            String serverVersion = jdbc.sql("SELECT current_setting('server_version')").query(String.class).single();
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return ResponseEntity.ok(new Health("ok", version, new Database(true, serverVersion, ms)));
        } catch (RuntimeException e) {
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Health("unavailable", version, new Database(false, null, ms)));
        }
    }
}
