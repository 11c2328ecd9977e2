package dev.tangle.tools.dev;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Service;

/**
 * Where things are: the repository (whose {@code <module>/target} holds the service jars) and the state directory
 * {@code .tangle/} (PostgreSQL data, NATS store, logs, remembered ports, {@code dev.env}, {@code dev.pid}).
 *
 * @param repo the repository root ({@code TANGLE_REPO_DIR}, default: found from where this class was loaded)
 * @param home the state directory ({@code TANGLE_HOME}, default {@code <repo>/.tangle})
 */
public record Workspace(Path repo, Path home) {

    /** Reads {@code TANGLE_REPO_DIR} and {@code TANGLE_HOME} from the given environment. */
    public static Workspace locate(Map<String, String> env) {
        Path repo = Optional.ofNullable(env.get("TANGLE_REPO_DIR")).filter(s -> !s.isBlank()).map(Path::of)
                .or(Workspace::repoOfThisCode)
                .orElseGet(() -> Path.of(""))
                .toAbsolutePath().normalize();
        Path home = Optional.ofNullable(env.get("TANGLE_HOME")).filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> repo.resolve(".tangle"))
                .toAbsolutePath().normalize();
        return new Workspace(repo, home);
    }

    /** {@code tools/target/tangle-tools.jar} or {@code tools/target/classes}: three levels below the root. */
    private static Optional<Path> repoOfThisCode() {
        try {
            Path code = Path.of(Workspace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            root = root == null ? null : root.getParent();
            return Optional.ofNullable(root).filter(r -> Files.isRegularFile(r.resolve("pom.xml")));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The runnable jar of a service; fails with what to run when it has not been built. */
    public Path serviceJar(Service service) {
        Path jar = repo.resolve(service.module()).resolve("target").resolve("tangle-" + service.module() + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new CliException(jar + " does not exist: build it with ./mvnw -q -B -DskipTests package "
                                   + "(./tangle does so when the sources are newer than the jars)");
        }
        return jar;
    }

    public Path pgData() {
        return home.resolve("pg");
    }

    public Path natsStore() {
        return home.resolve("nats");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    /** The URLs of the running stack as shell {@code KEY=value} lines; present only while it is ready. */
    public Path devEnv() {
        return home.resolve("dev.env");
    }

    /** The pid of the running {@code tangle dev}. */
    public Path devPid() {
        return home.resolve("dev.pid");
    }

    /** The pid of the nats-server {@code tangle dev} started. */
    public Path natsPid() {
        return home.resolve("nats.pid");
    }

    /** PostgreSQL's own pid file in its data directory. */
    public Path postmasterPid() {
        return pgData().resolve("postmaster.pid");
    }

    /** The port a dependency used last time, kept so that its URL stays the same across restarts. */
    public Path rememberedPort(String name) {
        return home.resolve(name + ".port");
    }
}
