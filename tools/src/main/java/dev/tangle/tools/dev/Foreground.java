package dev.tangle.tools.dev;

import java.util.concurrent.CompletableFuture;

/**
 * The end of a foreground command: the exit code it finishes with, set by the first of a signal (130 for Ctrl-C,
 * 143 for SIGTERM) or a failure (a child died).
 */
final class Foreground {

    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    /** Ends on Ctrl-C or SIGTERM, first running {@code onSignal} (in the signal's thread). */
    static Foreground untilSignal(Runnable onSignal) {
        Foreground foreground = new Foreground();
        Signals.onTermination(code -> {
            foreground.finish(code);
            onSignal.run();
        });
        return foreground;
    }

    void finish(int code) {
        exitCode.complete(code);
    }

    boolean finished() {
        return exitCode.isDone();
    }

    /** Blocks until finished and returns the exit code. */
    int await() {
        return exitCode.join();
    }
}
