package dev.tangle.tools.dev;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Command;
import dev.tangle.tools.cli.Commands;
import dev.tangle.tools.cli.Service;

/**
 * {@code tangle start <service> [--port N]}: one more instance of a service against the running dev stack, in the
 * foreground until Ctrl-C, to try scale-out (two api-servers, several socket-servers) on one machine.
 */
public final class StartCommand implements Command {

    private final Map<String, String> env;
    private final PrintStream console;

    public StartCommand() {
        this(System.getenv(), System.out);
    }

    public StartCommand(Map<String, String> env, PrintStream console) {
        this.env = env;
        this.console = console;
    }

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String arguments() {
        return "<service> [--port N]";
    }

    @Override
    public String summary() {
        return "one more instance of " + Service.names() + " against the running dev stack";
    }

    @Override
    public int run(List<String> args) {
        Request request = Request.parse(args);
        Workspace workspace = Workspace.locate(env);
        DevSettings settings = DevSettings.from(env);
        DevEnv stack = runningStack(workspace);
        int port = request.port() == 0 ? Ports.free() : request.port();
        if (!Ports.isFree(settings.bindHost(), port)) {
            throw new CliException("port " + port + " is already in use");
        }
        String label = request.service().module() + "-" + port;
        ChildProcess process = new ServiceLauncher(workspace, settings, console)
                .launch(request.service(), label, port, stack.db(), stack.natsUrl());
        Foreground foreground = Foreground.untilSignal(() -> { });
        process.onExit().thenAccept(exited -> foreground.finish(1));
        String httpUrl = request.service().httpUrl(settings.urlHost(), port);
        try {
            Readiness.await(List.of(new Readiness.Target(process, httpUrl)), settings.readyTimeout(), foreground::finished,
                    console);
        } catch (CliException e) {
            process.stop(settings.shutdownTimeout().plusSeconds(5));
            if (foreground.finished() && process.exitCode() != 0 && e.exitCode() == 130) {
                return foreground.await();
            }
            throw e;
        }
        console.println("tangle: " + label + " is ready at " + request.service().publicUrl(settings.urlHost(), port)
                        + " (Ctrl-C stops it)");
        int code = foreground.await();
        if (code == 1 && !process.isAlive()) {
            console.println("tangle: !!! " + label + " exited unexpectedly with code " + process.exitCode()
                            + "; see " + process.log());
        }
        process.stop(settings.shutdownTimeout().plusSeconds(5));
        return code;
    }

    private static DevEnv runningStack(Workspace workspace) {
        if (PidFile.alive(workspace.devPid()).isEmpty() || !Files.isRegularFile(workspace.devEnv())) {
            throw new CliException("no dev stack is running (no " + workspace.devEnv() + "): start one with "
                                   + "'./tangle dev' and wait until it says it is ready");
        }
        return DevEnv.read(workspace.devEnv());
    }

    /**
     * The parsed command line.
     *
     * @param service which service
     * @param port    its port, 0 for a free one
     */
    record Request(Service service, int port) {

        static Request parse(List<String> args) {
            if (args.size() != 1 && !(args.size() == 3 && args.get(1).equals("--port"))) {
                throw new CliException("usage: tangle start <service> [--port N] where <service> is one of "
                                       + Service.names(), Commands.USAGE);
            }
            Service service = Service.named(args.getFirst());
            if (args.size() == 1) {
                return new Request(service, 0);
            }
            try {
                int port = Integer.parseInt(args.get(2));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Request(service, port);
            } catch (NumberFormatException e) {
                throw new CliException("--port must be a number from 1 to 65535, not '" + args.get(2) + "'", Commands.USAGE);
            }
        }
    }
}
