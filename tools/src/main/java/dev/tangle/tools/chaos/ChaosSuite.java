package dev.tangle.tools.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.bench.ChaosLoad;
import dev.tangle.tools.dev.DbConnection;
import dev.tangle.tools.dev.DevEnv;
import dev.tangle.tools.dev.DevSettings;
import dev.tangle.tools.dev.DevStack;
import dev.tangle.tools.cli.Service;
import dev.tangle.tools.dev.Topology;
import dev.tangle.tools.dev.Workspace;

/**
 * Starts a fresh cluster-mode stack in {@code <home>/chaos}, runs the scenarios one after the other on it, and stops
 * it. Services get a 1.5 s timeout for socket-server's requests to api-server (so that a send whose api-server died
 * is refused within 2 s), a 5 s heartbeat, registration limits the load's hundreds of users from one address fit,
 * a frame rate limit the slow-reader flood fits (100/s per user), and a 3 s write timeout so that a stalled reader
 * is closed with 4009 within the scenario.
 */
public final class ChaosSuite {

    /** What the services of the suite's stack get on top of the defaults. */
    static final Map<String, String> SERVICE_ENV = Map.of("TANGLE_WS_REQUEST_TIMEOUT", "1500ms", "TANGLE_WS_HEARTBEAT", "5s",
            "TANGLE_RATELIMIT_REGISTER_PER_IP", "1000000/1h", "TANGLE_RATELIMIT_LOGIN_PER_IP", "1000000/1m",
            "TANGLE_WS_RATE_PER_SECOND", "100", "TANGLE_WS_RATE_BURST", "200", "TANGLE_WS_WRITE_TIMEOUT", "3s");

    private final Workspace workspace;
    private final Map<String, String> env;

    public ChaosSuite(Workspace devWorkspace, Map<String, String> env) {
        this.workspace = new Workspace(devWorkspace.repo(), devWorkspace.home().resolve("chaos"));
        this.env = env;
    }

    public List<ChaosLoad.Result> run(List<Scenario> scenarios, ChaosOptions options) throws Exception {
        deleteTree(workspace.home());
        Files.createDirectories(workspace.home());
        Map<String, String> settingsEnv = new HashMap<>(env);
        settingsEnv.keySet().removeAll(List.of("TANGLE_DB_URL", "TANGLE_NATS_URL"));
        int base = options.portBase().orElse(Integer.parseInt(env.getOrDefault("TANGLE_PORT_BASE", "8080")) + 20);
        settingsEnv.put("TANGLE_PORT_BASE", Integer.toString(base));
        DevStack stack = new DevStack(workspace, DevSettings.from(settingsEnv), launcherLinesOnly(System.out),
                Topology.CLUSTER, SERVICE_ENV);
        List<ChaosLoad.Result> results = new ArrayList<>();
        try {
            DevEnv urls = stack.start();
            URI api = URI.create(urls.urls().get(Service.API_SERVER));
            List<URI> sockets = urls.instances().get(Service.SOCKET_SERVER).stream().map(URI::create).toList();
            for (Scenario scenario : scenarios) {
                System.out.println();
                System.out.println("chaos " + scenario.label() + ": " + scenario.summary() + "; this run: "
                                   + options.outage(scenario).toSeconds() + " s");
                ChaosLoad load = new ChaosLoad(scenario.label(), api, sockets, serverPids(stack), options.loadArguments(scenario),
                        Faults.of(scenario, stack, options), () -> outboxEmpty(stack.db()));
                ChaosLoad.Result result = load.execute();
                results.add(result);
                ChaosTable.printRow(System.out, result);
            }
        } finally {
            stack.stop();
        }
        return results;
    }

    /** Every service instance, NATS node and PostgreSQL, for the CPU and memory figures of the report. */
    private Map<String, Long> serverPids(DevStack stack) {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        stack.instances().forEach(i -> pids.put(i.service().module() + ":" + i.port(), i.pid()));
        stack.cluster().ifPresent(c -> c.nodes().forEach(n -> {
            long pid = c.pid(n.index());
            if (pid > 0) {
                pids.put("nats-" + n.index(), pid);
            }
        }));
        try {
            String first = Files.readAllLines(workspace.postmasterPid()).getFirst().trim();
            pids.put("postgres", Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            // no PostgreSQL figures
        }
        return pids;
    }

    /**
     * True when no outbox row of any schema has waited more than 1 s to be published (no backlog); false while
     * PostgreSQL does not answer. Rows younger than that are the steady traffic of a load that still sends: at
     * 30 sends a second some row is almost always in flight, so "no row at all" only came true once the load stopped.
     */
    static boolean outboxEmpty(DbConnection db) {
        if (db == null) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            long waiting = 0;
            try (ResultSet tables = s.executeQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox'")) {
                List<String> schemas = new ArrayList<>();
                while (tables.next()) {
                    schemas.add(tables.getString(1));
                }
                for (String schema : schemas) {
                    try (Statement count = c.createStatement();
                         ResultSet rs = count.executeQuery("SELECT count(*) FROM \"" + schema
                                                          + "\".outbox WHERE created_at < now() - interval '1 second'")) {
                        rs.next();
                        waiting += rs.getLong(1);
                    }
                }
            }
            return waiting == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The launcher's own lines ({@code tangle: ...}) reach the console; the services' output goes to their logs only. */
    private static PrintStream launcherLinesOnly(PrintStream out) {
        return new PrintStream(new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.startsWith("tangle:")) {
                        out.println(text);
                    }
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
