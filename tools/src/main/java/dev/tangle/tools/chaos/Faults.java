package dev.tangle.tools.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.tangle.common.json.Json;
import dev.tangle.tools.bench.ChaosLoad;
import dev.tangle.tools.dev.ClusterNats;
import dev.tangle.tools.dev.DevStack;

/** Each scenario's fault against a running cluster-mode {@link DevStack}. */
final class Faults {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Faults() {
    }

    static ChaosLoad.Fault of(Scenario scenario, DevStack stack, ChaosOptions options) {
        Duration outage = options.outage(scenario);
        return switch (scenario) {
            case BASELINE -> clients -> {
            };
            case NATS_KILL -> clients -> {
                ClusterNats cluster = stack.cluster().orElseThrow(() -> new IllegalStateException("not a NATS cluster"));
                int leader = streamLeader(cluster, "TANGLE_EVENTS");
                System.out.println("  kill -9 nats-" + leader + " (leader of TANGLE_EVENTS)");
                cluster.kill(leader);
                Thread.sleep(outage.toMillis());
                cluster.restart(leader, Duration.ofSeconds(60));
            };
            case API_KILL, SOCKET_KILL, GEO_KILL, MEDIA_KILL -> clients -> {
                DevStack.Instance victim = stack.instances().stream().filter(i -> i.service() == scenario.killed())
                        .findFirst().orElseThrow();
                System.out.println("  kill -9 " + victim.service().module() + " on port " + victim.port());
                ProcessHandle.of(victim.pid()).ifPresent(ProcessHandle::destroyForcibly);
                Thread.sleep(outage.toMillis());
                stack.restart(victim);
            };
            case POSTGRES_STOP -> clients -> {
                System.out.println("  stopping PostgreSQL for " + outage.toSeconds() + " s");
                stack.pausePostgres();
                Thread.sleep(outage.toMillis());
                stack.resumePostgres();
            };
            case SOCKET_PAUSE -> clients -> {
                DevStack.Instance victim = stack.instances().stream()
                        .filter(i -> i.service() == dev.tangle.tools.cli.Service.SOCKET_SERVER).findFirst().orElseThrow();
                System.out.println("  SIGSTOP socket-server on port " + victim.port() + " for " + outage.toSeconds() + " s");
                signal("STOP", victim.pid());
                try {
                    Thread.sleep(outage.toMillis());
                } finally {
                    signal("CONT", victim.pid());
                }
            };
            case SLOW_READER -> clients -> {
                System.out.println("  two clients stop reading for " + outage.toSeconds() + " s while their group gets "
                                   + options.flood() + " extra 8 KiB messages a second");
                clients.pauseReading(2, true);
                try {
                    if (options.flood() > 0) {
                        clients.flood(options.flood(), 8192, outage);
                    } else {
                        Thread.sleep(outage.toMillis());
                    }
                } finally {
                    clients.pauseReading(2, false);
                }
            };
        };
    }

    /** The index of the node that leads a stream (asked of the first node that answers). */
    static int streamLeader(ClusterNats cluster, String stream) throws IOException, InterruptedException {
        for (ClusterNats.Node node : cluster.nodes()) {
            try {
                JsonNode jsz = Json.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(
                                URI.create(node.monitorUrl() + "/jsz?streams=true")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode s : jsz.path("account_details").path(0).path("stream_detail")) {
                    String leader = s.path("cluster").path("leader").asText("");
                    if (s.path("name").asText().equals(stream) && leader.startsWith("tangle-dev-")) {
                        return Integer.parseInt(leader.substring("tangle-dev-".length()));
                    }
                }
            } catch (IOException nodeDown) {
                // ask the next one
            }
        }
        throw new IllegalStateException("no node names a leader of " + stream);
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + signal + " " + pid + " exited " + exit);
        }
    }
}
