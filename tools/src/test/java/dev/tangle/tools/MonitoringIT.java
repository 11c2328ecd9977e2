package dev.tangle.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.tools.monitoring.MonitoringFiles;
import dev.tangle.tools.monitoring.PromQlNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus config, alert rules and Grafana dashboards under {@code compose/}: promtool accepts them, and every
 * metric any of their expressions names is exported by one of the four services (started here, each scraped after
 * it has answered a request), is defined by a recording rule, or is Prometheus' own {@code up}.
 */
class MonitoringIT {

    private static Map<String, RunningService> SERVICES;
    private static final MonitoringFiles FILES = new MonitoringFiles(Path.of("").toAbsolutePath().getParent());

    @BeforeAll
    static void start() {
        SERVICES = AllServices.start();
    }

    @AfterAll
    static void stop() {
        AllServices.stop(SERVICES);
    }

    @Test
    void promtoolAcceptsTheConfigAndTheRules() {
        assertThat(FILES.ruleFiles()).isNotEmpty();
        Promtool.assertCheckPasses("config", List.of(FILES.prometheusConfig()));
        Promtool.assertCheckPasses("rules", FILES.ruleFiles());
        assertThat(FILES.alertNames()).contains("TangleOutboxLag", "TangleHttpErrorRate",
                "TangleApiAvailabilityBudgetBurnFast", "TangleDeliveryLatencyBudgetBurnFast", "TangleDbPoolSaturated");
    }

    @Test
    void everyMetricTheRulesAndDashboardsUseIsExported() {
        Set<String> exported = new TreeSet<>(Set.of("up"));
        exported.addAll(FILES.recordedNames());
        SERVICES.forEach((name, service) -> {
            HttpTestClient http = new HttpTestClient(service.baseUrl());
            Await.until(Duration.ofSeconds(30), name + " ready", () -> http.get("/health/ready", null).status() == 200);
            exported.addAll(PromQlNames.sampleNames(http.get("/metrics", null).text()));
        });
        Map<String, Set<String>> unknown = new TreeMap<>();
        Map<String, String> expressions = FILES.expressions();
        assertThat(expressions).as("expressions in rules and dashboards").hasSizeGreaterThan(30);
        expressions.forEach((where, expr) -> {
            Set<String> names = PromQlNames.metricNames(expr);
            assertThat(names).as(where + " names a metric: " + expr).isNotEmpty();
            names.stream().filter(n -> !exported.contains(n)).forEach(n -> unknown.computeIfAbsent(n, k -> new TreeSet<>()).add(where));
        });
        assertThat(unknown).as("metrics named in compose/prometheus and compose/grafana that no service exports").isEmpty();
    }
}
