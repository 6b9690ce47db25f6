package io.mockupaws.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.platform.QueryOrigin;
import io.mockupaws.support.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "mockupaws.slow-query.threshold-ms=80")
class SlowQueryLogTest extends ApiTest {

    @Test
    void normalisationFoldsLiteralsSoTheSameQueryHashesTheSame() {
        String a = SlowQueryLog.normalise("SELECT * FROM t WHERE id = 42 AND name = 'bob''s'  AND x IN (1, 2, 3)");
        String b = SlowQueryLog.normalise("select_x");
        assertThat(a).isEqualTo("SELECT * FROM t WHERE id = ? AND name = ? AND x IN (...)");
        assertThat(SlowQueryLog.hash(a)).isEqualTo(SlowQueryLog.hash(
                SlowQueryLog.normalise("SELECT * FROM t WHERE id = 7 AND name = 'al' AND x IN (9,8)")));
        assertThat(b).isEqualTo("select_x");
        assertThat(SlowQueryLog.normalise("SELECT col2, t1.c3 FROM t1")).isEqualTo("SELECT col2, t1.c3 FROM t1");
    }

    @Test
    void slowStatementsAreRecordedWithTheirOriginAndFastOnesAreNot() throws Exception {
        QueryOrigin.run("job:slow-query-test", () -> jdbc.sql("SELECT pg_sleep(0.15), 1").query().listOfRows());
        jdbc.sql("SELECT 1").query(Integer.class).single();

        List<Map<String, Object>> rows = awaitRows("pg_sleep");
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("sql_text")).isEqualTo("SELECT pg_sleep(?), ?");
            assertThat(r.get("origin")).isEqualTo("job:slow-query-test");
            assertThat(((Number) r.get("duration_ms")).doubleValue()).isGreaterThanOrEqualTo(80);
        });
        assertThat(rows).noneSatisfy(r -> assertThat(r.get("sql_text")).isEqualTo("SELECT ?"));
    }

    @Test
    void httpRoutesAreNamedByPatternAndTheAdminEndpointsReport() throws Exception {
        // a request whose handler is slow enough: a search over a table made to be slow to scan is not needed,
        // the route attribution is what is tested, so the slow statement runs under the request's origin
        QueryOrigin.run("GET /api/v1/scenarios/{id}", () -> jdbc.sql("SELECT pg_sleep(0.1)").query().listOfRows());
        awaitRows("pg_sleep");

        io.mockupaws.support.Api admin = adminApi();
        JsonNode slow = admin.get("/api/v1/admin/slow-queries").json();
        assertThat(slow.get("threshold_ms").asLong()).isEqualTo(80);
        assertThat(slow.get("queries").toString()).contains("GET /api/v1/scenarios/{id}").contains("pg_sleep");

        JsonNode top = admin.get("/api/v1/admin/top-queries?order_by=mean&limit=5").json();
        assertThat(top.get("available").asBoolean()).isTrue();
        assertThat(top.get("queries").size()).isBetween(1, 5);
        assertThat(admin.get("/api/v1/admin/top-queries?order_by=random").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/admin/slow-queries?limit=0").status()).isEqualTo(400);
    }

    /**
     * Waits for a logged statement containing {@code sqlPart}: not just any row, because the TRUNCATE that cleans
     * the tables before each test can itself be slow on a busy machine and be logged first.
     */
    private List<Map<String, Object>> awaitRows(String sqlPart) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT sql_text, origin, duration_ms FROM query_performance_log")
                    .query((rs, n) -> Map.<String, Object>of("sql_text", rs.getString(1),
                            "origin", rs.getString(2) == null ? "" : rs.getString(2), "duration_ms", rs.getDouble(3)))
                    .list();
            if (rows.stream().anyMatch(r -> r.get("sql_text").toString().contains(sqlPart))) return rows;
            Thread.sleep(100);
        }
        throw new AssertionError("no slow query containing " + sqlPart + " recorded within 10 s");
    }
}
