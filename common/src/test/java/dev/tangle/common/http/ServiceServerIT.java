package dev.tangle.common.http;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.HttpJson;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.NatsServerProcess;
import dev.tangle.common.test.PostgresProcess;
import dev.tangle.common.test.TestInfra;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard server of every service against its own real PostgreSQL and NATS (which this test stops and
 * starts again): problem+json for every kind of bad request, health that follows its dependencies, metrics.
 */
class ServiceServerIT {

    private static PostgresProcess pg;
    private static NatsServerProcess nats;
    private static ServiceInfra infra;
    private static WebServer server;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        pg = PostgresProcess.start();
        nats = NatsServerProcess.start();
        Map<String, String> env = TestInfra.env(pg, pg.newDatabase(), nats);
        env.put("TANGLE_HTTP_MAX_BODY", "4KiB");
        CommonConfig config = CommonConfig.from(TestInfra.settings(env), "probe-service", 0, "probe");
        infra = ServiceInfra.start(config, "probe");
        server = TangleServer.start(infra, routing -> Routes.on(routing)
                .post("/v1/echo", (req, res) -> HttpJson.ok(res, Map.of("name",
                        HttpJson.body(req).requiredString("name", 1, 10))))
                .get("/v1/items/{id}", (req, res) -> {
                    throw Problems.notFound("Item");
                })
                .get("/v1/boom", (req, res) -> {
                    throw new IllegalStateException("secret internal detail");
                }), builder -> { });
        http = new HttpTestClient("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.lifecycle().stop();
        }
        nats.close();
        pg.close();
    }

    @Test
    void validBodyIsAccepted() {
        var response = http.post("/v1/echo", Map.of("name", "ada"), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asText()).isEqualTo("ada");
    }

    @Test
    void malformedJsonIs400Problem() {
        assertProblem(http.post("/v1/echo", "{\"name\": ", null), 400, "malformed_json");
        assertProblem(http.post("/v1/echo", "{\"name\": \"a\"} trailing", null), 400, "malformed_json");
    }

    @Test
    void invalidFieldIs400NamingTheField() {
        var response = http.post("/v1/echo", Map.of("name", "far-too-long-a-name"), null);
        JsonNode problem = assertProblem(response, 400, "validation_failed");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertProblem(http.post("/v1/echo", "[1,2]", null), 400, "validation_failed");
    }

    @Test
    void wrongContentTypeIs415Problem() {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/v1/echo"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"ada\"}"))
                .build();
        assertProblem(http.send(request), 415, "unsupported_media_type");
    }

    @Test
    void unknownRouteIs404Problem() {
        assertProblem(http.get("/v1/nothing/here", null), 404, "not_found");
        assertProblem(http.delete("/metrics", null), 404, "not_found");
    }

    @Test
    void oversizeBodyIs413Problem() {
        String big = "{\"name\":\"" + "x".repeat(8 * 1024) + "\"}";
        assertProblem(http.post("/v1/echo", big, null), 413, "payload_too_large");
    }

    @Test
    void oversizeChunkedBodyIs413Problem() {
        byte[] big = ("{\"name\":\"" + "x".repeat(8 * 1024) + "\"}").getBytes();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.baseUrl() + "/v1/echo"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        assertProblem(http.send(request), 413, "payload_too_large");
    }

    @Test
    void domainErrorIsMappedOnce() {
        assertProblem(http.get("/v1/items/42", null), 404, "not_found");
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        var response = http.get("/v1/boom", null);
        assertProblem(response, 500, "internal_error");
        assertThat(response.text()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException")
                .doesNotContain("at dev.tangle");
    }

    @Test
    void metricsCountRequestsByRouteTemplate() {
        http.get("/v1/items/1", null);
        http.get("/v1/items/2", null);
        var metrics = http.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.text())
                .contains("tangle_probe_http_requests_seconds_count{method=\"GET\",route=\"/v1/items/{id}\",status=\"404\"}")
                .contains("jvm_memory_used_bytes")
                .contains("tangle_probe_outbox_lag_rows")
                .contains("hikaricp_connections");
    }

    @Test
    void readinessFollowsNatsAndPostgres() {
        assertThat(http.get("/health/live", null).status()).isEqualTo(200);
        awaitReady(200);

        nats.stop();
        var down = awaitReady(503);
        assertThat(down.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(down.text()).contains("\"name\":\"nats\"");
        assertThat(http.get("/health/live", null).status()).isEqualTo(200);
        nats.restart();
        awaitReady(200);

        pg.stop();
        var pgDown = awaitReady(503);
        assertThat(pgDown.text()).contains("\"name\":\"postgresql\",\"status\":\"DOWN\"");
        pg.restart();
        var up = awaitReady(200);
        assertThat(up.json().get("checks")).hasSize(2);
    }

    private static HttpTestClient.Response awaitReady(int status) {
        HttpTestClient.Response[] last = new HttpTestClient.Response[1];
        Await.until(Duration.ofSeconds(30), "/health/ready to answer " + status, () -> {
            last[0] = http.get("/health/ready", null);
            return last[0].status() == status;
        });
        return last[0];
    }

    private static JsonNode assertProblem(HttpTestClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode body = response.json();
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("type").asText()).isNotBlank();
        assertThat(body.has("detail")).isTrue();
        return body;
    }
}
