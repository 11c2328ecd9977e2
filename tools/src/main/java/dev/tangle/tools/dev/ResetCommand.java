package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Command;
import dev.tangle.tools.cli.Commands;

/** {@code tangle reset}: deletes {@code .tangle/} (database, NATS store, logs), unless something still uses it. */
public final class ResetCommand implements Command {

    /** Written into the state directory by {@code tangle dev}: reset deletes only a directory that has it. */
    static final String MARKER = ".tangle-state";

    private final Map<String, String> env;
    private final PrintStream console;

    public ResetCommand() {
        this(System.getenv(), System.out);
    }

    public ResetCommand(Map<String, String> env, PrintStream console) {
        this.env = env;
        this.console = console;
    }

    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "delete .tangle/ (database, NATS store, logs); refused while a dev stack runs";
    }

    @Override
    public int run(List<String> args) {
        if (!args.isEmpty()) {
            throw new CliException("takes no arguments", Commands.USAGE);
        }
        Workspace workspace = Workspace.locate(env);
        Path home = workspace.home();
        if (!Files.exists(home)) {
            console.println("tangle: nothing to reset (" + home + " does not exist)");
            return 0;
        }
        if (!Files.isRegularFile(home.resolve(MARKER))) {
            throw new CliException(home + " does not look like the state of 'tangle dev' (no " + MARKER + "); not deleting it");
        }
        refuseWhileRunning("a dev stack", workspace.devPid(), "stop it (Ctrl-C) first");
        refuseWhileRunning("PostgreSQL", workspace.postmasterPid(), "it was left by an earlier run: stop it first");
        refuseWhileRunning("nats-server", workspace.natsPid(), "it was left by an earlier run: stop it first");
        for (int node = 1; node <= Topology.CLUSTER.natsNodes(); node++) {
            refuseWhileRunning("nats-server " + node + " of the cluster", home.resolve("nats-" + node + ".pid"),
                    "it was left by an earlier 'tangle dev --cluster': stop it first");
        }
        deleteTree(home);
        console.println("tangle: deleted " + home);
        return 0;
    }

    private static void refuseWhileRunning(String what, Path pidFile, String advice) {
        PidFile.alive(pidFile).ifPresent(process -> {
            throw new CliException(what + " is running (pid " + process.pid() + "); " + advice);
        });
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }
}
