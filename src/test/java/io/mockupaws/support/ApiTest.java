package io.mockupaws.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of HTTP-level tests: the whole application on a random port, on the real embedded PostgreSQL (one server
 * for the test run, in target/test-data, database mockupaws_test), every table emptied before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mockupaws.data-dir=target/test-data",
        "mockupaws.database.embedded-name=mockupaws_test",
        "mockupaws.database.embedded-fresh=true",
        "mockupaws.scheduling.enabled=false"})
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    @BeforeEach
    void cleanDatabaseAndConnect() {
        jdbc.sql("TRUNCATE scenarios, scenario_logs, scenario_metrics, scenario_source_stats, scenario_ingest_totals, query_performance_log CASCADE").update();
        api = new Api(port);
    }

    protected String createScenario(String json) {
        Api.Response r = api.post("/api/v1/scenarios", json);
        if (r.status() != 201) throw new AssertionError("create failed: " + r);
        return r.json().get("id").asString();
    }

    protected String createScenario(String name, String region) {
        return createScenario("{\"name\":\"" + name + "\",\"region\":\"" + region + "\"}");
    }
}
