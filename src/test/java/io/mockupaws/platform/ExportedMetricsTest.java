package io.mockupaws.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import io.mockupaws.support.PromQl;
import io.mockupaws.support.PrometheusScrape;
import io.mockupaws.support.RuleFile;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every metric an alert or a dashboard reads is one the application really exports (or one that an exporter beside
 * it provides, listed in deploy/prometheus/external-metrics.txt): a renamed metric must not leave an alert that
 * silently never fires, nor a dashboard panel that says "No data".
 */
class ExportedMetricsTest extends ApiTest {

    private io.mockupaws.support.Api admin;

    @org.junit.jupiter.api.BeforeEach
    void signInAnAdministrator() {
        admin = adminApi();
    }

    @Test
    void everyMetricThatAlertsAndDashboardsReadIsExported() throws Exception {
        driveTraffic();
        Set<String> exported = PrometheusScrape.of(admin).names();
        Set<String> external = externalMetrics();
        RuleFile live = RuleFile.read(AlertRulesTest.PROMETHEUS.resolve("alerts.yml"));
        Set<String> recorded = new TreeSet<>();
        live.records().forEach(r -> recorded.add(r.name()));

        Map<String, Set<String>> readBy = new TreeMap<>();
        live.rules().forEach(r -> PromQl.metricNames(r.expr()).forEach(m -> readBy.computeIfAbsent(m, k -> new TreeSet<>())
                .add("alerts.yml " + r.name())));
        for (JsonNode dashboard : AlertRulesTest.dashboards()) {
            String title = dashboard.get("title").asString();
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    PromQl.metricNames(target.get("expr").asString()).forEach(m -> readBy.computeIfAbsent(m, k -> new TreeSet<>())
                            .add(title + " / " + panel.get("title").asString()));
                }
            }
            for (JsonNode variable : dashboard.at("/templating/list")) {
                PromQl.templateMetricNames(variable.path("definition").asString()).forEach(m ->
                        readBy.computeIfAbsent(m, k -> new TreeSet<>()).add(title + " / variable " + variable.get("name").asString()));
            }
        }

        assertThat(readBy).as("alerts and dashboards read metrics").hasSizeGreaterThan(40);
        Map<String, Set<String>> missing = new TreeMap<>(readBy);
        missing.keySet().removeIf(m -> exported.contains(m) || external.contains(m) || recorded.contains(m));
        assertThat(missing).as("read by alerts or dashboards, but neither exported nor in external-metrics.txt").isEmpty();
        assertThat(external).as("external-metrics.txt lists only names something reads").allMatch(readBy::containsKey);
    }

    @Test
    void pendingRulesWaitForMetricsThatDoNotExistYet() throws Exception {
        driveTraffic();
        Set<String> exported = PrometheusScrape.of(admin).names();
        Set<String> pendingMetrics = new TreeSet<>();
        RuleFile.read(AlertRulesTest.PROMETHEUS.resolve("alerts-pending.yml")).rules()
                .forEach(r -> pendingMetrics.addAll(PromQl.metricNames(r.expr())));

        assertThat(pendingMetrics).as("now exported: move its rule from alerts-pending.yml into alerts.yml")
                .noneMatch(exported::contains);
    }

    /** Enough traffic that every meter with tags chosen at run time exists: a scenario, ingest, a refusal, a 404. */
    private void driveTraffic() {
        String id = createScenario("metrics", "us-east-1");
        api.post("/api/v1/scenarios/" + id + "/start");
        Api shipper = anonymous.withApiKey(apiKey(owner, "ingest"));
        Api.Response ok = shipper.send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", id)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"login ana@example.com from 10.0.0.1\"}")));
        assertThat(ok.status()).isEqualTo(200);
        String draft = createScenario("draft", "us-east-1");
        assertThat(shipper.send(HttpRequest.newBuilder(api.uri("/ingest")).header("X-Scenario-ID", draft)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"x\"}"))).status()).isEqualTo(409);
        assertThat(api.get("/api/v1/scenarios/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/no-such-route").status()).isEqualTo(404);
    }

    private static Set<String> externalMetrics() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("deploy", "prometheus", "external-metrics.txt"))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) names.add(l.split("\\s+")[0]);
        }
        return names;
    }
}
