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

import dev.tangle.tools.CliException;

/**
 * The whole stack: PostgreSQL, NATS, then the four services; ready when every {@code /health/ready} answers 200.
 * {@link #stop()} runs in reverse (services, NATS, PostgreSQL), once, from whichever thread asks first; a part that
 * finishes starting after that is stopped at once.
 */
public final class DevStack {

    private final Workspace workspace;
    private final DevSettings settings;
    private final PrintStream console;
    private final ServiceLauncher launcher;
    private final Map<Service, ChildProcess> services = new EnumMap<>(Service.class);
    private final CompletableFuture<ChildProcess> unexpectedExit = new CompletableFuture<>();
    private DevPostgres postgres;
    private DevNats nats;
    private volatile boolean stopping;

    public DevStack(Workspace workspace, DevSettings settings, PrintStream console) {
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
            DbConnection db = settings.externalDb().orElseGet(this::startPostgres);
            String natsUrl = settings.externalNats().orElseGet(this::startNats);
            List<Readiness.Target> targets = new ArrayList<>();
            for (Service service : Service.values()) {
                int port = settings.port(service);
                ChildProcess process = register(service, launcher.launch(service, service.module(), port, db, natsUrl));
                targets.add(new Readiness.Target(process, service.httpUrl(settings.urlHost(), port)));
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
        List<ChildProcess> running = new ArrayList<>(services.values());
        services.clear();
        running.forEach(process -> {
            console.println("tangle: stopping " + process.name());
            process.requestStop();
        });
        Duration grace = settings.shutdownTimeout().plusSeconds(5);
        running.forEach(process -> process.awaitStop(grace));
        if (nats != null) {
            console.println("tangle: stopping nats-server");
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
        console.println("tangle: starting nats-server (store in " + workspace.natsStore() + ")");
        DevNats started = DevNats.start(workspace);
        synchronized (this) {
            if (stopping) {
                started.close();
                throw new CliException("stopped while starting", 130);
            }
            nats = started;
        }
        return started.url();
    }

    private synchronized ChildProcess register(Service service, ChildProcess process) {
        if (stopping) {
            process.stop(settings.shutdownTimeout().plusSeconds(5));
            throw new CliException("stopped while starting", 130);
        }
        services.put(service, process);
        process.onExit().thenAccept(exited -> {
            if (!stopping) {
                unexpectedExit.complete(exited);
            }
        });
        return process;
    }

    private DevEnv writeEnv(DbConnection db, String natsUrl) {
        Map<Service, String> urls = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            urls.put(service, service.publicUrl(settings.urlHost(), settings.port(service)));
        }
        DevEnv env = new DevEnv(urls, natsUrl, db);
        synchronized (this) {
            if (stopping) {
                throw new CliException("stopped while starting", 130);
            }
            env.write(workspace.devEnv());
        }
        return env;
    }
}
