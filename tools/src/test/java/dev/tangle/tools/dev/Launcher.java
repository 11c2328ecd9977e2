package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tangle.common.test.Await;
import dev.tangle.tools.cli.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code tangle dev} as a real child process (the packaged tools jar when it exists, else this test's classpath),
 * with its state in a given directory, and the processes it started captured while it runs.
 */
final class Launcher implements AutoCloseable {

    private final Process process;
    private final Path home;
    private final Path output;
    private final List<ProcessHandle> started = new ArrayList<>();

    private Launcher(Process process, Path home, Path output) {
        this.process = process;
        this.home = home;
        this.output = output;
    }

    /** The repository root: failsafe runs in the tools module's directory. */
    static Path repo() {
        return Path.of("").toAbsolutePath().getParent();
    }

    static Launcher start(Path home, int portBase) {
        return start(home, portBase, new String[0]);
    }

    /** With arguments after {@code dev}, e.g. {@code --cluster}. */
    static Launcher start(Path home, int portBase, String... args) {
        Path repo = repo();
        for (Service service : Service.values()) {
            Path jar = repo.resolve(service.module() + "/target/tangle-" + service.module() + ".jar");
            assertThat(jar).as("the service jars are built by 'mvn package' before this test runs").isRegularFile();
        }
        Path toolsJar = repo.resolve("tools/target/tangle-tools.jar");
        List<String> command = new ArrayList<>(List.of(ServiceLauncher.javaBinary()));
        if (Files.isRegularFile(toolsJar)) {
            command.addAll(List.of("-jar", toolsJar.toString(), "dev"));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tangle.tools.Tangle", "dev"));
        }
        command.addAll(List.of(args));
        Path output = home.resolveSibling(home.getFileName() + "-launcher.out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("TANGLE_"));
        env.put("TANGLE_HOME", home.toString());
        env.put("TANGLE_REPO_DIR", repo.toString());
        env.put("TANGLE_PORT_BASE", Integer.toString(portBase));
        env.put("TANGLE_SHUTDOWN_TIMEOUT", "10s");
        // the web client's edge on a free port, without an npm build: these tests are about the services
        env.put("TANGLE_DEV_WEB_PORT", "0");
        env.put("TANGLE_DEV_WEB_BUILD", "false");
        try {
            return new Launcher(builder.start(), home, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code dev.env}, then remembers every process the launcher started. */
    DevEnv awaitReady(Duration timeout) {
        Path devEnv = home.resolve("dev.env");
        Await.until(timeout, "tangle dev to write " + devEnv, () -> {
            if (!process.isAlive()) {
                fail("tangle dev exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            return Files.isRegularFile(devEnv);
        });
        started.addAll(process.descendants().toList());
        postmaster().ifPresent(started::add);
        return DevEnv.read(devEnv);
    }

    /** PostgreSQL runs detached from the launcher (pg_ctl starts it in its own session): its pid file names it. */
    Optional<ProcessHandle> postmaster() {
        return PidFile.alive(home.resolve("pg/postmaster.pid"));
    }

    List<ProcessHandle> started() {
        return List.copyOf(started);
    }

    Process process() {
        return process;
    }

    /** Waits for the launcher and everything it started to be gone; returns the launcher's exit code. */
    int awaitAllGone(Duration timeout) {
        Await.until(timeout, "tangle dev and every process it started to exit", () ->
                !process.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive));
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Kills whatever is left, so a failed test does not leave processes behind. */
    @Override
    public void close() {
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
