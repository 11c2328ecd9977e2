package dev.tangle.tools.dev;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Command;
import dev.tangle.tools.cli.Commands;
import dev.tangle.tools.web.WebFront;

/** {@code tangle dev}: the whole stack in the foreground until Ctrl-C. */
public final class DevCommand implements Command {

    private final Map<String, String> env;
    private final PrintStream console;

    public DevCommand() {
        this(System.getenv(), System.out);
    }

    public DevCommand(Map<String, String> env, PrintStream console) {
        this.env = env;
        this.console = console;
    }

    @Override
    public String name() {
        return "dev";
    }

    @Override
    public String arguments() {
        return "[--cluster]";
    }

    @Override
    public String summary() {
        return "run PostgreSQL, NATS and the four services in the foreground (Ctrl-C stops them); --cluster: "
               + "a 3-node JetStream cluster and two instances of each service";
    }

    @Override
    public int run(List<String> args) {
        if (!args.isEmpty() && !args.equals(List.of("--cluster"))) {
            throw new CliException("takes no arguments but --cluster (configure it with TANGLE_* variables)", Commands.USAGE);
        }
        Topology topology = args.isEmpty() ? Topology.SINGLE : Topology.CLUSTER;
        Workspace workspace = Workspace.locate(env);
        DevSettings settings = DevSettings.from(env);
        claimHome(workspace);
        DevStack stack = new DevStack(workspace, settings, console, topology);
        WebFront web = WebFront.start(workspace.repo(), env, settings.bindHost(), settings.urlHost(),
                settings.portBase(), console);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            stack.stop();
            PidFile.delete(workspace.devPid());
        }, "tangle-dev-shutdown"));
        Foreground foreground = Foreground.untilSignal(stack::stop);
        stack.unexpectedExit().thenAccept(process -> {
            console.println();
            console.println("tangle: !!! " + process.name() + " exited unexpectedly with code " + process.exitCode()
                            + "; stopping the stack. Its log: " + process.log());
            console.println();
            foreground.finish(1);
        });
        try {
            DevEnv urls = stack.start();
            web.publish(workspace.devEnv());
            printReady(urls, workspace, web.url());
        } catch (CliException e) {
            if (foreground.finished()) {
                return foreground.await();
            }
            throw e;
        }
        int code = foreground.await();
        web.close();
        stack.stop();
        PidFile.delete(workspace.devPid());
        return code;
    }

    /** Creates {@code .tangle/} and records this process as its dev stack, unless another one runs there. */
    private static void claimHome(Workspace workspace) {
        try {
            Files.createDirectories(workspace.home());
            Files.writeString(workspace.home().resolve(ResetCommand.MARKER),
                    "State of 'tangle dev'. 'tangle reset' deletes this directory.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + workspace.home(), e);
        }
        long self = ProcessHandle.current().pid();
        PidFile.alive(workspace.devPid()).filter(p -> p.pid() != self).ifPresent(other -> {
            throw new CliException("a dev stack is already running from " + workspace.home() + " (pid " + other.pid() + ")");
        });
        PidFile.write(workspace.devPid(), self);
    }

    private void printReady(DevEnv urls, Workspace workspace, String webUrl) {
        console.println();
        console.println("tangle: the stack is ready");
        urls.variables().forEach((key, value) -> {
            if (!key.equals("TANGLE_DB_PASSWORD")) {
                console.printf("  %-16s %s%n", key, value);
            }
        });
        console.printf("  %-16s %s%n", WebFront.URL_VARIABLE, webUrl);
        console.println("  written to " + workspace.devEnv() + "; logs in " + workspace.logs());
        console.println("  Ctrl-C stops everything");
        console.println();
    }
}
