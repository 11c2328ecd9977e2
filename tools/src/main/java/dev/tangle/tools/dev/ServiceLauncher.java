package dev.tangle.tools.dev;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.tangle.tools.cli.Service;

/**
 * Starts a service as {@code java -jar <module>/target/tangle-<module>.jar} with the variables that point it at
 * the stack's PostgreSQL and NATS, on a given port, under a given instance id.
 */
final class ServiceLauncher {

    /** Wide enough for the longest service name, so console prefixes line up. */
    static final int PREFIX_WIDTH = 13;
    /**
     * Dev-only settings the launcher applies unless the variable is set: one developer (and {@code ./tangle bench})
     * registers and logs in many users from 127.0.0.1, which the production per-IP limits (10 registrations an
     * hour) refuse. The per-handle login-failure limit keeps its production default.
     */
    static final Map<String, String> DEV_DEFAULTS = Map.of(
            "TANGLE_RATELIMIT_REGISTER_PER_IP", "100000/1m",
            "TANGLE_RATELIMIT_LOGIN_PER_IP", "100000/1m");

    private final Workspace workspace;
    private final DevSettings settings;
    private final PrintStream console;

    ServiceLauncher(Workspace workspace, DevSettings settings, PrintStream console) {
        this.workspace = workspace;
        this.settings = settings;
        this.console = console;
    }

    /**
     * @param label   its name on the console and of its log file
     * @param natsUrl the NATS server
     */
    ChildProcess launch(Service service, String label, int port, DbConnection db, String natsUrl) {
        return launch(service, label, port, db, natsUrl, Map.of());
    }

    /** As above, with extra variables for the service (e.g. {@code TANGLE_NATS_REPLICAS} in a cluster). */
    ChildProcess launch(Service service, String label, int port, DbConnection db, String natsUrl, Map<String, String> extra) {
        Path jar = workspace.serviceJar(service);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(settings.javaOptions());
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new HashMap<>();
        env.put("TANGLE_PORT", Integer.toString(port));
        env.put("TANGLE_HTTP_HOST", settings.bindHost());
        env.put("TANGLE_DB_URL", db.url());
        env.put("TANGLE_DB_USER", db.user());
        env.put("TANGLE_DB_PASSWORD", db.password());
        env.put("TANGLE_NATS_URL", natsUrl);
        env.put("TANGLE_INSTANCE_ID", service.module() + "-" + port);
        env.put("TANGLE_SHUTDOWN_TIMEOUT", settings.shutdownTimeout().toMillis() + "ms");
        DEV_DEFAULTS.forEach((key, value) -> {
            if (System.getenv(key) == null) {
                env.put(key, value);
            }
        });
        // services run in .tangle/: the keys file is named absolutely, not by the relative default
        if (System.getenv("TANGLE_JWT_KEYS_FILE") == null) {
            Path keys = workspace.home().resolve("jwt-keys.json");
            moveMisplacedKeys(workspace.home().resolve(".tangle").resolve("jwt-keys.json"), keys);
            env.put("TANGLE_JWT_KEYS_FILE", keys.toString());
        }
        // media-service's store and URL key live in .tangle/ itself, not in .tangle/.tangle/ (its relative defaults)
        if (System.getenv("TANGLE_MEDIA_STORAGE_DIR") == null) {
            env.put("TANGLE_MEDIA_STORAGE_DIR", workspace.home().resolve("media").toString());
        }
        if (System.getenv("TANGLE_MEDIA_URL_KEY_FILE") == null) {
            env.put("TANGLE_MEDIA_URL_KEY_FILE", workspace.home().resolve("media-url.key").toString());
        }
        // the other services verify tokens against the stack's own api-server, wherever TANGLE_PORT_BASE put it
        if (System.getenv("TANGLE_JWT_JWKS_URL") == null) {
            env.put("TANGLE_JWT_JWKS_URL", "http://127.0.0.1:" + settings.portBase() + "/.well-known/jwks.json");
        }
        // glibc's per-thread malloc arenas multiply libvips's native memory per job (docs/adr/0081)
        if (service == Service.MEDIA_SERVICE && System.getenv("MALLOC_ARENA_MAX") == null) {
            env.put("MALLOC_ARENA_MAX", "2");
        }
        env.putAll(extra);
        return ChildProcess.start(label, command, env, workspace.home(), workspace.log(label), console, PREFIX_WIDTH);
    }

    /** Earlier launchers let api-server write its keys to {@code .tangle/.tangle/}: keep them, where they belong. */
    private static void moveMisplacedKeys(Path misplaced, Path keys) {
        try {
            if (java.nio.file.Files.isRegularFile(misplaced) && !java.nio.file.Files.exists(keys)) {
                java.nio.file.Files.move(misplaced, keys);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot move " + misplaced + " to " + keys, e);
        }
    }

    /** The java of this JVM: the launcher already runs on a JDK the services accept. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
