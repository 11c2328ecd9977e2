package dev.tangle.tools;

import java.time.Duration;
import java.util.Map;

import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All four services in this JVM, each on its own fresh database of the shared test PostgreSQL and on the shared
 * nats-server: each is ready and serves Prometheus text that promtool accepts.
 */
class StackIT {

    private static Map<String, RunningService> SERVICES;

    @BeforeAll
    static void start() {
        SERVICES = AllServices.start();
    }

    @AfterAll
    static void stop() {
        AllServices.stop(SERVICES);
    }

    @Test
    void everyServiceIsReady() {
        SERVICES.forEach((name, service) -> {
            HttpTestClient http = new HttpTestClient(service.baseUrl());
            Await.until(Duration.ofSeconds(30), name + " /health/ready to answer 200",
                    () -> http.get("/health/ready", null).status() == 200);
            assertThat(http.get("/health/live", null).status()).as(name + " /health/live").isEqualTo(200);
        });
    }

    @Test
    void everyServiceServesValidPrometheusText() {
        SERVICES.forEach((name, service) -> {
            HttpTestClient.Response metrics = new HttpTestClient(service.baseUrl()).get("/metrics", null);
            assertThat(metrics.status()).as(name + " /metrics").isEqualTo(200);
            assertThat(metrics.contentType()).as(name + " /metrics content type").startsWith("text/plain");
            assertThat(metrics.text()).as(name + " /metrics").contains("jvm_memory_used_bytes");
            Promtool.assertValidMetrics(name, metrics.text());
        });
    }

    @Test
    void apiServerTimesItsRequests() {
        HttpTestClient api = new HttpTestClient(SERVICES.get("api-server").baseUrl());
        assertThat(api.get("/health/live", null).status()).isEqualTo(200);
        String metrics = api.get("/metrics", null).text();
        assertThat(metrics).contains("# TYPE tangle_api_http_requests_seconds histogram")
                .containsPattern("(?m)^tangle_api_http_requests_seconds_count\\{method=\"GET\",route=\"[^\"]+\",status=\"200\"} [1-9]");
        Promtool.assertValidMetrics("api-server", metrics);
    }
}
