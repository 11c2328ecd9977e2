package dev.tangle.tools.cli;

import java.util.List;

/** One sub-command of the {@code tangle} command line. */
public interface Command {

    /** The word that selects it: {@code tangle <name> ...}. */
    String name();

    /** Its arguments, for the usage text, e.g. {@code <service> [--port N]}. */
    String arguments();

    /** One line saying what it does. */
    String summary();

    /**
     * Runs it.
     *
     * @param args the arguments after the command name
     * @return the process exit code
     * @throws CliException with a message for the user when it cannot do what was asked
     */
    int run(List<String> args);
}
