package io.mockupaws.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mockupaws.support.PromQl;
import io.mockupaws.support.Promtool;
import io.mockupaws.support.RuleFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerting rules and dashboards in deploy/ are valid for Prometheus (checked and unit-tested by promtool, as CI
 * does), and every alert can be acted on: a severity, a summary and a runbook that says what to do.
 */
class AlertRulesTest {

    static final Path PROMETHEUS = Path.of("deploy", "prometheus");
    static final Path GRAFANA = Path.of("deploy", "grafana");
    static final Path RUNBOOKS = Path.of("docs", "runbooks");

    @Test
    void ruleFilesPassPromtoolCheck() throws Exception {
        Promtool.Result r = Promtool.run(PROMETHEUS, "check", "rules", "alerts.yml", "alerts-pending.yml");
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void theImportantAlertsBehaveAsTheirPromtoolUnitTestsSay() throws Exception {
        Promtool.Result r = Promtool.run(PROMETHEUS, "test", "rules", "alerts.test.yml");
        assertThat(r.exit()).as(r.output()).isZero();
        String tests = Files.readString(PROMETHEUS.resolve("alerts.test.yml"));
        for (String alert : List.of("ApiErrorBudgetBurnFast", "ApiErrorBudgetBurnSlow", "ApiLatencyBudgetBurnFast",
                "ApiRouteErrorRateHigh", "SlowQuery", "IngestRejectRateHigh", "PgBouncerConnectionsHigh", "BackupStale",
                "BackupFailed", "WalArchiveLag", "CacheHitRatioLow", "RateLimitRejectionsHigh", "ScenarioCostSpike", "JobRunrJobsFailing", "JobRunrBacklog",
                "MaterializedViewStale")) {
            assertThat(tests).as("a unit test for " + alert).contains("alertname: " + alert + "\n");
        }
    }

    @Test
    void theExampleConfigurationLoadsTheLiveRules() throws Exception {
        Promtool.Result r = Promtool.run(PROMETHEUS, "check", "config", "prometheus.yml");
        assertThat(r.exit()).as(r.output()).isZero();
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        // promtool has no "check this expression": each query becomes a recording rule of a scratch rule file.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int n = 0;
        for (String expr : dashboardQueries()) {
            rules.append("      - record: dashboard:query").append(n++).append(":check\n        expr: '")
                    .append(PromQl.withoutGrafanaVariables(expr).replace("'", "''")).append("'\n");
        }
        assertThat(n).isGreaterThan(40);
        Path scratch = Files.createTempFile("dashboard-queries", ".yml");
        try {
            Files.writeString(scratch, rules);
            Promtool.Result r = Promtool.run(scratch.getParent(), "check", "rules", scratch.getFileName().toString());
            assertThat(r.exit()).as(r.output()).isZero();
        } finally {
            Files.delete(scratch);
        }
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbook() throws Exception {
        RuleFile live = RuleFile.read(PROMETHEUS.resolve("alerts.yml"));
        RuleFile pending = RuleFile.read(PROMETHEUS.resolve("alerts-pending.yml"));

        assertThat(live.alerts()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(live.alerts()).extracting(RuleFile.Rule::name).contains("SlowQuery", "PgBouncerConnectionsHigh",
                "ApiErrorBudgetBurnFast", "ApiLatencyBudgetBurnFast", "IngestRejectRateHigh", "DbPoolSaturated",
                "BackupStale", "BackupFailed", "WalArchiveLag", "CacheHitRatioLow", "RateLimitRejectionsHigh",
                "ScenarioCostSpike", "MaterializedViewStale", "ArchiveJobFailed");
        assertThat(pending.alerts()).as("every pending capability has landed").isEmpty();
        assertThat(live.alerts()).extracting(RuleFile.Rule::name).contains("JobRunrJobsFailing", "JobRunrBacklog");
        Set<String> names = new HashSet<>();
        for (RuleFile.Rule alert : Stream.concat(live.alerts().stream(), pending.alerts().stream()).toList()) {
            assertThat(names.add(alert.name())).as("alert names are unique: " + alert.name()).isTrue();
            assertThat(alert.labels().get("severity")).as(alert.name()).isIn("critical", "warning", "info");
            assertThat(alert.annotations().get("summary")).as(alert.name()).isNotBlank();
            assertThat(alert.annotations().get("runbook_url")).as(alert.name())
                    .isEqualTo("docs/runbooks/" + alert.name() + ".md");
            Path runbook = RUNBOOKS.resolve(alert.name() + ".md");
            assertThat(runbook).as("runbook of " + alert.name()).exists();
            assertThat(Files.readString(runbook)).as(runbook.toString())
                    .startsWith("# " + alert.name() + "\n")
                    .contains("## What it means").contains("## How to check").contains("## How to fix");
        }
        try (Stream<Path> files = Files.list(RUNBOOKS)) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".md", "")).filter(n -> !n.equals("README")))
                    .as("no runbook for an alert that does not exist").allMatch(names::contains);
        }
    }

    static List<String> dashboardQueries() throws Exception {
        List<String> queries = new ArrayList<>();
        for (JsonNode dashboard : dashboards()) {
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) queries.add(target.get("expr").asString());
            }
        }
        return queries;
    }

    static List<JsonNode> dashboards() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> dashboards = new ArrayList<>();
        try (Stream<Path> files = Files.list(GRAFANA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(json.readTree(f.toFile()));
            }
        }
        return dashboards;
    }
}
