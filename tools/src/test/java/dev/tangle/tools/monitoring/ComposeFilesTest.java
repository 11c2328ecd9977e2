package dev.tangle.tools.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compose/ cannot be started here (no Docker engine), so its shape is checked: every part the staging stack
 * promises is there, with health checks and replicas, the NATS cluster fsyncs before acks, the proxy routes every
 * path prefix to the service that owns it, and Prometheus scrapes what compose runs.
 */
class ComposeFilesTest {

    private static final Path COMPOSE = Path.of("").toAbsolutePath().getParent().resolve("compose");

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEveryPartWithHealthChecksAndReplicas() throws IOException {
        Map<String, Object> doc = new Yaml().load(Files.readString(COMPOSE.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) doc.get("services");
        assertThat(services).containsKeys("postgres", "nats-1", "nats-2", "nats-3", "api-server", "api-server-replicas",
                "socket-server", "geo-service", "media-service", "minio", "proxy", "prometheus", "grafana");
        for (String name : List.of("postgres", "nats-1", "nats-2", "nats-3", "api-server", "api-server-replicas",
                "socket-server", "geo-service", "media-service", "minio")) {
            assertThat(services.get(name)).as(name + " has a health check").containsKey("healthcheck");
        }
        for (String name : List.of("socket-server", "geo-service", "media-service")) {
            Map<String, Object> deploy = (Map<String, Object>) services.get(name).get("deploy");
            assertThat((Integer) deploy.get("replicas")).as(name + " replicas").isGreaterThanOrEqualTo(2);
            Map<String, Object> env = (Map<String, Object>) services.get(name).get("environment");
            assertThat(env).as(name + " environment").containsEntry("TANGLE_NATS_REPLICAS", "3");
            assertThat(String.valueOf(env.get("TANGLE_NATS_URL")).split(",")).hasSize(3);
            assertThat(String.valueOf(services.get(name).get("image"))).startsWith("tangle-" + name + ":");
        }
        assertThat(String.valueOf(services.get("nats-1").get("image"))).matches("nats:2\\.(1[0-9]|[2-9][0-9]).*");
    }

    @Test
    void theNatsClusterFsyncsBeforeItAcknowledges() throws IOException {
        String conf = Files.readString(COMPOSE.resolve("nats/nats.conf"));
        assertThat(conf).contains("sync_interval: always").contains("nats-route://nats-1:6222")
                .contains("nats-route://nats-2:6222").contains("nats-route://nats-3:6222");
    }

    @Test
    void theProxyRoutesEveryPrefixToItsOwner() throws IOException {
        String caddy = Files.readString(COMPOSE.resolve("caddy/Caddyfile"));
        assertThat(caddy).containsPattern("@ws path /v1/ws[^\\n]*\\n\\s*handle @ws \\{\\s*reverse_proxy \\{\\s*dynamic a socket-server 8081")
                .containsPattern("@media path /v1/media /v1/media/\\* /v1/uploads /v1/uploads/\\*")
                .containsPattern("handle @media \\{[\\s\\S]*?dynamic a media-service 8083")
                .containsPattern("@geo path /v1/location /v1/location/\\* /v1/places /v1/places/\\* /v1/safety /v1/safety/\\* /v1/map /v1/map/\\*")
                .containsPattern("handle @geo \\{[\\s\\S]*?dynamic a geo-service 8082")
                .containsPattern("handle @api \\{[\\s\\S]*?dynamic a api 8080")
                .contains("root * /srv/web").contains("try_files {path} /index.html");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceComposeRuns() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(COMPOSE.resolve("prometheus/prometheus.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        assertThat(jobs).extracting(j -> j.get("job_name"))
                .contains("api-server", "socket-server", "geo-service", "media-service");
        Map<String, Object> doc = new Yaml().load(Files.readString(COMPOSE.resolve("compose.yaml")));
        Map<String, Object> services = (Map<String, Object>) doc.get("services");
        for (Map<String, Object> job : jobs) {
            for (Map<String, Object> sd : (List<Map<String, Object>>) job.getOrDefault("dns_sd_configs", List.of())) {
                for (String name : (List<String>) sd.get("names")) {
                    assertThat(services.containsKey(name) || name.equals("api")).as("compose runs " + name).isTrue();
                }
            }
        }
    }
}
