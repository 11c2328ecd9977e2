package dev.tangle.tools.dev;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tangle.tools.cli.CliException;

/**
 * Three (or N) {@code nats-server} processes on loopback forming one JetStream cluster named {@code tangle-dev},
 * each with its own store under {@code .tangle/nats-cluster/n<i>}, its client, route and monitoring ports
 * remembered in {@code .tangle/}, and its pid in {@code .tangle/nats-<i>.pid}. Ready when every node answers
 * {@code /healthz} (which in 2.9 also waits for JetStream and the meta leader). A node can be killed and started
 * again on the same ports and store, for the fault suite.
 */
public final class ClusterNats implements DevNatsHandle {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** One node's ports and files. */
    public record Node(int index, int clientPort, int routePort, int monitorPort, Path store, Path config, Path pidFile) {

        public String clientUrl() {
            return "nats://127.0.0.1:" + clientPort;
        }

        public String monitorUrl() {
            return "http://127.0.0.1:" + monitorPort;
        }

        String name() {
            return "nats-" + index;
        }
    }

    private final Workspace workspace;
    private final Path binary;
    private final List<Node> nodes;
    private final ChildProcess[] processes;

    private ClusterNats(Workspace workspace, Path binary, List<Node> nodes) {
        this.workspace = workspace;
        this.binary = binary;
        this.nodes = List.copyOf(nodes);
        this.processes = new ChildProcess[nodes.size()];
    }

    /** Starts {@code size} nodes and waits until the cluster has a JetStream meta leader. */
    public static ClusterNats start(Workspace workspace, int size) {
        try {
            return startOnce(workspace, size);
        } catch (CliException first) {
            // A port picked as free can be taken (an outgoing connection's local port) before the node binds it:
            // forget the remembered ports and try once more on new ones.
            System.err.println("tangle: the NATS cluster did not start (" + first.getMessage() + "); retrying on new ports");
            for (int i = 1; i <= size; i++) {
                for (String suffix : List.of("", "-route", "-monitor")) {
                    try {
                        Files.deleteIfExists(workspace.rememberedPort("nats-" + i + suffix));
                    } catch (IOException e) {
                        throw new CliException("cannot reset the cluster's ports: " + e.getMessage());
                    }
                }
            }
            return startOnce(workspace, size);
        }
    }

    private static ClusterNats startOnce(Workspace workspace, int size) {
        Path binary = DevNats.findBinary();
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            Path pid = workspace.home().resolve("nats-" + i + ".pid");
            PidFile.alive(pid).ifPresent(leftover -> {
                throw new CliException("a nats-server from an earlier run (pid " + leftover.pid() + ") still uses "
                                       + workspace.home().resolve("nats-cluster") + ": stop it with 'kill "
                                       + leftover.pid() + "' and try again");
            });
            nodes.add(new Node(i, Ports.remembered(workspace.rememberedPort("nats-" + i)),
                    Ports.remembered(workspace.rememberedPort("nats-" + i + "-route")),
                    Ports.remembered(workspace.rememberedPort("nats-" + i + "-monitor")),
                    workspace.home().resolve("nats-cluster").resolve("n" + i),
                    workspace.home().resolve("nats-cluster").resolve("n" + i + ".conf"), pid));
        }
        ClusterNats cluster = new ClusterNats(workspace, binary, nodes);
        try {
            for (Node node : nodes) {
                cluster.writeConfig(node);
                cluster.launch(node);
            }
            for (Node node : nodes) {
                cluster.awaitHealthy(node, START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Every node's client URL, comma separated, as {@code TANGLE_NATS_URL} takes it. */
    @Override
    public String url() {
        return nodes.stream().map(Node::clientUrl).collect(Collectors.joining(","));
    }

    /** The pid of node {@code index} (1-based), or -1 while it is down. */
    public synchronized long pid(int index) {
        ChildProcess p = processes[index - 1];
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    /** SIGKILL of one node: no flush, no goodbye to the routes. */
    public synchronized void kill(int index) {
        ChildProcess p = processes[index - 1];
        if (p != null) {
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
            p.awaitStop(Duration.ofSeconds(10));
            processes[index - 1] = null;
            PidFile.delete(nodes.get(index - 1).pidFile());
        }
    }

    /** Starts a killed node again on its ports and store and waits until it is healthy (caught up with the meta leader). */
    public void restart(int index, Duration timeout) {
        Node node = nodes.get(index - 1);
        synchronized (this) {
            if (processes[index - 1] != null && processes[index - 1].isAlive()) {
                return;
            }
            launch(node);
        }
        awaitHealthy(node, timeout);
    }

    private void writeConfig(Node node) {
        String routes = nodes.stream().filter(n -> n != node).map(n -> "\"nats-route://127.0.0.1:" + n.routePort() + "\"")
                .collect(Collectors.joining(", "));
        String config = """
                # written by 'tangle dev --cluster'; rewritten on every start
                server_name: "tangle-dev-%d"
                listen: "127.0.0.1:%d"
                http: "127.0.0.1:%d"
                jetstream {
                  store_dir: "%s"
                  max_memory_store: 256MB
                  max_file_store: 8GB
                }
                cluster {
                  name: "tangle-dev"
                  listen: "127.0.0.1:%d"
                  routes: [%s]
                }
                """.formatted(node.index(), node.clientPort(), node.monitorPort(), node.store(), node.routePort(), routes);
        try {
            Files.createDirectories(node.store());
            Files.writeString(node.config(), config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + node.config() + ": " + e.getMessage(), e);
        }
    }

    private synchronized void launch(Node node) {
        ChildProcess process = ChildProcess.start(node.name(), List.of(binary.toString(), "-c", node.config().toString()),
                Map.of(), workspace.home(), workspace.log(node.name()), null, 0);
        processes[node.index() - 1] = process;
        PidFile.write(node.pidFile(), process.pid());
    }

    /** {@code /healthz} answers 200 (the node's JetStream is up) and {@code /jsz} names a meta leader. */
    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void awaitHealthy(Node node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            ChildProcess process;
            synchronized (this) {
                process = processes[node.index() - 1];
            }
            if (process == null || !process.isAlive()) {
                throw new CliException(node.name() + " exited" + (process == null ? "" : " with code " + process.exitCode())
                                       + "; see " + workspace.log(node.name()) + lastLines(workspace.log(node.name())));
            }
            try {
                HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(node.monitorUrl() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200 && hasMetaLeader(node)) {
                    return;
                }
                last = res.statusCode() + " " + res.body().strip();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while starting " + node.name(), 130);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while starting " + node.name(), 130);
            }
        }
        throw new CliException(node.name() + " was not healthy within " + timeout.toSeconds() + " s (" + last + "); see "
                               + workspace.log(node.name()));
    }

    /**
     * Whether the node knows a JetStream meta leader: {@code /healthz} can answer 200 before the first election is
     * over, and a service that asks for its streams then gets a timeout at start-up.
     */
    private static boolean hasMetaLeader(Node node) throws IOException, InterruptedException {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(node.monitorUrl() + "/jsz"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        return res.statusCode() == 200 && res.body().matches("(?s).*\"meta_cluster\"\\s*:\\s*\\{[^}]*\"leader\"\\s*:\\s*\"[^\"]+\".*");
    }

    /** SIGTERM to every node (each flushes its store), SIGKILL after 10 s. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] != null) {
                processes[i].requestStop();
            }
        }
        for (int i = 0; i < processes.length; i++) {
            if (processes[i] != null) {
                processes[i].awaitStop(Duration.ofSeconds(10));
                processes[i] = null;
            }
            PidFile.delete(nodes.get(i).pidFile());
        }
    }
}
