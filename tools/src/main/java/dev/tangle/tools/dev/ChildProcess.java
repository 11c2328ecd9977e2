package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tangle.tools.cli.CliException;

/**
 * A process the launcher started and must stop: its output goes to a log file (and maybe the console), and it
 * runs in a session of its own, so a Ctrl-C in the terminal reaches only the launcher, which then stops its
 * children in order instead of all of them dying at once.
 */
final class ChildProcess {

    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of)
            .filter(Files::isExecutable).findFirst();

    private final String name;
    private final Process process;
    private final OutputPump output;
    private final Path log;

    private ChildProcess(String name, Process process, OutputPump output, Path log) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.log = log;
    }

    /**
     * Starts a command.
     *
     * @param env     variables added to (or replacing those of) the launcher's environment
     * @param console where to echo its output with its name in front, or null for the log only
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log,
                              PrintStream console, int prefixWidth) {
        List<String> full = new ArrayList<>();
        SETSID.ifPresent(setsid -> full.add(setsid.toString()));
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "----- " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            String prefix = prefixWidth > 0 ? String.format("%-" + prefixWidth + "s | ", name) : name + " | ";
            Process process = builder.start();
            return new ChildProcess(name, process, OutputPump.start(name, process.getInputStream(), log, prefix, console), log);
        } catch (IOException e) {
            throw new CliException("Cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code, once it has exited. */
    int exitCode() {
        return process.exitValue();
    }

    /** Completes when the process has exited and its last output lines are written. */
    CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(p -> {
            output.drain(Duration.ofSeconds(2));
            return this;
        });
    }

    /**
     * Asks it to stop (SIGTERM) without waiting. Through its handle: {@link Process#destroy()} would also close our end
     * of its output, and lose what it logs while it shuts down.
     */
    void requestStop() {
        process.toHandle().destroy();
    }

    /** Waits for it to exit after {@link #requestStop()}, and kills it (and anything it started) after {@code grace}. */
    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.toHandle().destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroyForcibly();
        }
        output.drain(Duration.ofSeconds(2));
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }
}
