package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Service;

/**
 * The whole stack: PostgreSQL, NATS (one server or a {@link ClusterNats}), then the four services (one or more
 * instances of each, see {@link Topology}); ready when every {@code /health/ready} answers 200.
 * {@link #stop()} runs in reverse (services, NATS, PostgreSQL), once, from whichever thread asks first; a part that
 * finishes starting after that is stopped at once.
 */
public final class DevStack {

    private final Workspace workspace;
    private final DevSettings settings;
    private final PrintStream console;
    private final ServiceLauncher launcher;
    private final Topology topology;
    private final Map<String, String> serviceEnv;
    private final List<Instance> services = new ArrayList<>();
    private final CompletableFuture<ChildProcess> unexpectedExit = new CompletableFuture<>();
    private DevPostgres postgres;
    private DevNatsHandle nats;
    private DbConnection db;
    private String natsUrl;
    private volatile boolean stopping;

    public DevStack(Workspace workspace, DevSettings settings, PrintStream console) {
        this(workspace, settings, console, Topology.SINGLE);
    }

    public DevStack(Workspace workspace, DevSettings settings, PrintStream console, Topology topology) {
        this(workspace, settings, console, topology, Map.of());
    }

    /** @param serviceEnv extra variables for every service (the fault suite's shorter timeouts) */
    public DevStack(Workspace workspace, DevSettings settings, PrintStream console, Topology topology,
                    Map<String, String> serviceEnv) {
        this.serviceEnv = Map.copyOf(serviceEnv);
        this.topology = topology;
        this.workspace = workspace;
        this.settings = settings;
        this.console = console;
        this.launcher = new ServiceLauncher(workspace, settings, console);
    }

    /** Starts everything and waits until it is ready; on failure it stops what it started and throws. */
    public DevEnv start() {
        try {
            Files.createDirectories(workspace.logs());
            preflight();
            db = settings.externalDb().orElseGet(this::startPostgres);
            natsUrl = settings.externalNats().orElseGet(this::startNats);
            List<Readiness.Target> targets = new ArrayList<>();
            for (int i = 0; i < topology.instances(); i++) {
                for (Service service : Service.values()) {
                    int port = i == 0 ? settings.port(service) : Ports.free();
                    ChildProcess process = register(new Instance(service, port, launch(service, i, port)));
                    targets.add(new Readiness.Target(process, service.httpUrl(settings.urlHost(), port)));
                }
                if (i == 0 && topology.instances() > 1) {
                    // the first api-server creates the JWT signing keys file; the others must read it, not race it
                    Readiness.await(targets, settings.readyTimeout(), () -> stopping, console);
                    targets.clear();
                }
            }
            Readiness.await(targets, settings.readyTimeout(), () -> stopping, console);
            return writeEnv(db, natsUrl);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Completes with the first service that exits while the stack is not stopping. */
    public CompletableFuture<ChildProcess> unexpectedExit() {
        return unexpectedExit;
    }

    /** Stops services (SIGTERM, then SIGKILL after their shutdown timeout), then NATS, then PostgreSQL. */
    public synchronized void stop() {
        if (stopping && services.isEmpty() && nats == null && postgres == null) {
            return;
        }
        stopping = true;
        PidFile.delete(workspace.devEnv());
        List<ChildProcess> running = new ArrayList<>(services.stream().map(Instance::process).toList());
        services.clear();
        running.forEach(process -> {
            console.println("tangle: stopping " + process.name());
            process.requestStop();
        });
        Duration grace = settings.shutdownTimeout().plusSeconds(5);
        running.forEach(process -> process.awaitStop(grace));
        if (nats != null) {
            console.println(topology.clustered() ? "tangle: stopping the nats-server cluster" : "tangle: stopping nats-server");
            nats.close();
            nats = null;
        }
        if (postgres != null) {
            console.println("tangle: stopping PostgreSQL");
            postgres.close();
            postgres = null;
        }
        console.println("tangle: stopped");
    }

    private void preflight() {
        List<String> busy = new ArrayList<>();
        for (Service service : Service.values()) {
            workspace.serviceJar(service);
            int port = settings.port(service);
            if (!Ports.isFree(settings.bindHost(), port)) {
                busy.add(port + " (" + service.module() + ")");
            }
        }
        if (!busy.isEmpty()) {
            throw new CliException("port " + String.join(", ", busy) + " already in use: stop what listens there or "
                                   + "set TANGLE_PORT_BASE to a free range (now " + settings.portBase() + ")");
        }
    }

    private DbConnection startPostgres() {
        console.println("tangle: starting PostgreSQL (data in " + workspace.pgData() + ")");
        DevPostgres started = DevPostgres.start(workspace);
        synchronized (this) {
            if (stopping) {
                started.close();
                throw new CliException("stopped while starting", 130);
            }
            postgres = started;
        }
        return started.connection();
    }

    private String startNats() {
        DevNatsHandle started;
        if (topology.clustered()) {
            console.println("tangle: starting a " + topology.natsNodes() + "-node nats-server cluster (stores in "
                            + workspace.home().resolve("nats-cluster") + ")");
            started = ClusterNats.start(workspace, topology.natsNodes());
        } else {
            console.println("tangle: starting nats-server (store in " + workspace.natsStore() + ")");
            started = DevNats.start(workspace);
        }
        synchronized (this) {
            if (stopping) {
                started.close();
                throw new CliException("stopped while starting", 130);
            }
            nats = started;
        }
        return started.url();
    }

    /** Instance {@code index} (0-based) of a service: the first keeps the service's name, the others add their port. */
    private ChildProcess launch(Service service, int index, int port) {
        String label = index == 0 ? service.module() : service.module() + "-" + port;
        Map<String, String> extra = new java.util.HashMap<>(serviceEnv);
        if (topology.clustered()) {
            extra.put("TANGLE_NATS_REPLICAS", Integer.toString(topology.replicas()));
        }
        return launcher.launch(service, label, port, db, natsUrl, extra);
    }

    private synchronized ChildProcess register(Instance instance) {
        ChildProcess process = instance.process();
        if (stopping) {
            process.stop(settings.shutdownTimeout().plusSeconds(5));
            throw new CliException("stopped while starting", 130);
        }
        services.add(instance);
        process.onExit().thenAccept(exited -> {
            if (!stopping) {
                unexpectedExit.complete(exited);
            }
        });
        return process;
    }

    private DevEnv writeEnv(DbConnection db, String natsUrl) {
        Map<Service, String> urls = new EnumMap<>(Service.class);
        Map<Service, List<String>> all = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, service.publicUrl(settings.urlHost(), settings.port(service)));
        }
        synchronized (this) {
            for (Instance instance : services) {
                all.computeIfAbsent(instance.service(), s -> new ArrayList<>())
                        .add(instance.service().publicUrl(settings.urlHost(), instance.port()));
            }
        }
        DevEnv env = new DevEnv(urls, all, natsUrl, db);
        synchronized (this) {
            if (stopping) {
                throw new CliException("stopped while starting", 130);
            }
            env.write(workspace.devEnv());
        }
        return env;
    }

    /** One running service instance: the first of each service is on its usual port. */
    public record Instance(Service service, int port, ChildProcess process) {

        public long pid() {
            return process.pid();
        }

        public String httpUrl() {
            return service.httpUrl("127.0.0.1", port);
        }
    }

    /** The running service instances, in start order. */
    public synchronized List<Instance> instances() {
        return List.copyOf(services);
    }

    /** The NATS cluster, when this stack started one. */
    public synchronized java.util.Optional<ClusterNats> cluster() {
        return nats instanceof ClusterNats c ? java.util.Optional.of(c) : java.util.Optional.empty();
    }

    /** Starts an instance that died (or was killed) again on its port and waits until it is ready. */
    public Instance restart(Instance dead) {
        dead.process().awaitStop(settings.shutdownTimeout().plusSeconds(5));
        int index;
        synchronized (this) {
            index = services.indexOf(dead);
            if (index < 0 || stopping) {
                throw new IllegalStateException(dead.service().module() + " on " + dead.port() + " is not part of this stack");
            }
        }
        boolean first = dead.port() == settings.port(dead.service());
        Instance again = new Instance(dead.service(), dead.port(), launch(dead.service(), first ? 0 : 1, dead.port()));
        synchronized (this) {
            services.set(index, again);
        }
        Readiness.await(List.of(new Readiness.Target(again.process(), again.httpUrl())), settings.readyTimeout(),
                () -> stopping, console);
        return again;
    }

    /** Fast shutdown of the embedded PostgreSQL (for the fault suite); {@link #resumePostgres()} brings it back. */
    public void pausePostgres() {
        DevPostgres running;
        synchronized (this) {
            running = postgres;
            postgres = null;
        }
        if (running != null) {
            running.close();
        }
    }

    /** Starts the embedded PostgreSQL again on its remembered port and data directory. */
    public void resumePostgres() {
        DevPostgres started = DevPostgres.start(workspace);
        synchronized (this) {
            postgres = started;
        }
    }

    /** The PostgreSQL and NATS the services use. */
    public synchronized DbConnection db() {
        return db;
    }
}
