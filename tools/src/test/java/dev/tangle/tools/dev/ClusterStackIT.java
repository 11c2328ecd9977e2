package dev.tangle.tools.dev;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.tools.monitoring.MonitoringFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tangle.tools.cli.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code tangle dev --cluster} end to end: three nats-server processes in one JetStream cluster with every stream
 * and bucket at 3 replicas, two ready instances of each service (the first on the usual ports), all of them in
 * {@code dev.env}, and nothing left behind after SIGTERM. On the same stack (one start-up instead of two), a real
 * Prometheus (Debian package {@code prometheus}) scrapes every instance with the rule files of
 * {@code compose/prometheus/rules}: all targets are up, every rule evaluates without error, the recording rules
 * produce series, and pausing one instance makes {@code TangleInstanceDown} go pending.
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

            prometheusScrapesTheStackAndEvaluatesTheRules(temp, launcher, env);

            launcher.process().destroy();
            assertThat(launcher.awaitAllGone(GONE)).as(launcher.output()).isEqualTo(143);
            assertThat(home.resolve("dev.env")).doesNotExist();
            for (int node = 1; node <= 3; node++) {
                assertThat(home.resolve("nats-" + node + ".pid")).doesNotExist();
            }
        }
    }

    private static void prometheusScrapesTheStackAndEvaluatesTheRules(Path temp, Launcher launcher, DevEnv env)
            throws Exception {
        Path prometheusBinary = Path.of("/usr/bin/prometheus");
        if (!Files.isExecutable(prometheusBinary)) {
            fail("prometheus was not found at /usr/bin/prometheus: install it with 'sudo apt-get install prometheus'");
        }
        MonitoringFiles files = new MonitoringFiles(Launcher.repo());
        int port = Ports.free();
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, config(env, files));
        Process prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + temp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile()).start();
        try {
            String api = "http://127.0.0.1:" + port + "/api/v1/";
            Await.until(Duration.ofSeconds(60), "all 8 service instances up in Prometheus", () -> {
                JsonNode targets = get(api + "targets?state=active").path("data").path("activeTargets");
                return targets.size() == 8 && streamOf(targets).allMatch(t -> t.path("health").asText().equals("up"));
            });
            Await.until(Duration.ofSeconds(60), "every rule evaluated without error", () -> {
                List<JsonNode> rules = streamOf(get(api + "rules").path("data").path("groups"))
                        .flatMap(g -> streamOf(g.path("rules"))).toList();
                rules.stream().filter(r -> r.path("health").asText().equals("err")).findFirst().ifPresent(r ->
                        fail("rule " + r.path("name").asText() + " fails: " + r.path("lastError").asText()));
                return rules.size() == files.recordedNames().size() + files.alertNames().size()
                       && rules.stream().allMatch(r -> r.path("health").asText().equals("ok"));
            });
            Await.until(Duration.ofSeconds(30), "the outbox lag recording rule has a series per outbox owner", () ->
                    query(api, "tangle:outbox_lag_seconds:max").size() == 3);
            // a rate needs two scrapes of a counter, then one more evaluation of the rule
            Await.until(Duration.ofSeconds(30), "the request rate recording rule has a series per service", () ->
                    query(api, "tangle:http_requests:rate5m").size() == 4);

            ProcessHandle geo = secondInstance(launcher, env, Service.GEO_SERVICE);
            signal("STOP", geo.pid());
            try {
                Await.until(Duration.ofSeconds(60), "TangleInstanceDown for the paused geo-service", () ->
                        streamOf(get(api + "alerts").path("data").path("alerts")).anyMatch(a ->
                                a.path("labels").path("alertname").asText().equals("TangleInstanceDown")
                                && a.path("labels").path("job").asText().equals("geo-service")));
            } finally {
                signal("CONT", geo.pid());
            }
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    private static String config(DevEnv env, MonitoringFiles files) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                rule_files:
                """);
        files.ruleFiles().forEach(f -> yaml.append("  - ").append(f.toAbsolutePath()).append('\n'));
        yaml.append("scrape_configs:\n");
        for (Service service : Service.values()) {
            yaml.append("  - job_name: ").append(service.module()).append("\n    static_configs:\n      - targets: [");
            yaml.append(String.join(", ", env.instances().get(service).stream()
                    .map(u -> URI.create(u.replaceFirst("^ws:", "http:"))).map(u -> u.getHost() + ":" + u.getPort()).toList()));
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    private static ProcessHandle secondInstance(Launcher launcher, DevEnv env, Service service) {
        int port = URI.create(env.instances().get(service).get(1)).getPort();
        return launcher.process().descendants().filter(p -> p.info().commandLine().orElse("")
                        .contains("tangle-" + service.module() + ".jar"))
                .filter(p -> dev.tangle.tools.bench.ProcStatsAccess.listensOn(p.pid(), port)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + service + " process listens on " + port));
    }

    private static List<JsonNode> query(String api, String expr) {
        return streamOf(get(api + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).path("data").path("result")).toList();
    }

    private static JsonNode get(String url) {
        try {
            return Json.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
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
