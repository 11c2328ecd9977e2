package dev.tangle.tools.dev;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tangle.common.json.Json;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tangle.tools.cli.Service;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tangle dev --cluster} end to end: three nats-server processes in one JetStream cluster with every stream
 * and bucket at 3 replicas, two ready instances of each service (the first on the usual ports), all of them in
 * {@code dev.env}, and nothing left behind after SIGTERM.
 */
class ClusterStackIT {

    private static final Duration READY = Duration.ofSeconds(240);
    private static final Duration GONE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void runsAClusterAndTwoInstancesOfEverything(@TempDir Path temp) throws Exception {
        Path home = temp.resolve("state");
        int portBase = freePortRange();
        try (Launcher launcher = Launcher.start(home, portBase, "--cluster")) {
            DevEnv env = launcher.awaitReady(READY);

            assertThat(env.urls().get(Service.API_SERVER)).isEqualTo("http://127.0.0.1:" + portBase);
            assertThat(env.urls().get(Service.SOCKET_SERVER)).isEqualTo("ws://127.0.0.1:" + (portBase + 1) + "/v1/ws");
            for (Service service : Service.values()) {
                List<String> urls = env.instances().get(service);
                assertThat(urls).as(service + " instances in dev.env").hasSize(2).doesNotHaveDuplicates()
                        .startsWith(env.urls().get(service));
                for (String url : urls) {
                    String http = url.replaceFirst("^ws://", "http://").replaceFirst("/v1/ws$", "");
                    assertThat(new HttpTestClient(http).get("/health/ready", null).status()).as(service + " at " + http)
                            .isEqualTo(200);
                }
            }
            assertThat(env.natsUrl().split(",")).as("three NATS client URLs").hasSize(3);
            long natsServers = launcher.started().stream()
                    .filter(p -> p.info().command().orElse("").endsWith("nats-server")).count();
            assertThat(natsServers).isEqualTo(3);
            assertThat(launcher.started().stream().filter(p -> p.info().commandLine().orElse("").contains("tangle-api-server.jar")))
                    .hasSize(2);

            int monitor = Integer.parseInt(Files.readString(home.resolve("nats-1-monitor.port")).trim());
            JsonNode jsz = Json.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + monitor + "/jsz?streams=true&config=true")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(jsz.path("meta_cluster").path("cluster_size").asInt()).isEqualTo(3);
            List<String> replicated = new ArrayList<>();
            for (JsonNode stream : jsz.path("account_details").path(0).path("stream_detail")) {
                assertThat(stream.path("config").path("num_replicas").asInt()).as(stream.path("name").asText()).isEqualTo(3);
                replicated.add(stream.path("name").asText());
            }
            assertThat(replicated).contains("TANGLE_EVENTS", "TANGLE_JOBS", "KV_tangle_presence", "KV_tangle_location");

            launcher.process().destroy();
            assertThat(launcher.awaitAllGone(GONE)).as(launcher.output()).isEqualTo(143);
            assertThat(home.resolve("dev.env")).doesNotExist();
            for (int node = 1; node <= 3; node++) {
                assertThat(home.resolve("nats-" + node + ".pid")).doesNotExist();
            }
        }
    }

    /** A base port with the three after it free too. */
    private static int freePortRange() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (Ports.isFree("127.0.0.1", base) && Ports.isFree("127.0.0.1", base + 1)
                && Ports.isFree("127.0.0.1", base + 2) && Ports.isFree("127.0.0.1", base + 3)) {
                return base;
            }
        }
        throw new IllegalStateException("no 4 free consecutive ports in 20000-30000");
    }
}
