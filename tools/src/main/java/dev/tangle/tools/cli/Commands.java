package dev.tangle.tools.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sub-commands by name, and the dispatch from {@code args} to one of them. */
public final class Commands {

    /** Exit code for a command line that does not parse. */
    public static final int USAGE = 2;

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final PrintStream out;
    private final PrintStream err;

    public Commands(List<Command> commands, PrintStream out, PrintStream err) {
        commands.forEach(command -> byName.put(command.name(), command));
        this.out = out;
        this.err = err;
    }

    /** Runs the command named by the first argument and returns its exit code. */
    public int run(String... args) {
        if (args.length == 0 || isHelp(args[0])) {
            usage(out);
            return args.length == 0 ? USAGE : 0;
        }
        Command command = byName.get(args[0]);
        if (command == null) {
            err.println("tangle: unknown command '" + args[0] + "'");
            usage(err);
            return USAGE;
        }
        try {
            return command.run(List.of(args).subList(1, args.length));
        } catch (CliException e) {
            err.println("tangle " + command.name() + ": " + e.getMessage());
            return e.exitCode();
        }
    }

    /** Prints every command with its arguments and summary. */
    public void usage(PrintStream to) {
        to.println("usage: tangle <command> [arguments]");
        to.println();
        to.println("commands:");
        int width = byName.values().stream().mapToInt(c -> signature(c).length()).max().orElse(0);
        byName.values().forEach(c -> to.printf("  %-" + width + "s  %s%n", signature(c), c.summary()));
        to.printf("  %-" + width + "s  %s%n", "help", "show this text");
    }

    private static String signature(Command command) {
        return command.arguments().isEmpty() ? command.name() : command.name() + " " + command.arguments();
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }
}
