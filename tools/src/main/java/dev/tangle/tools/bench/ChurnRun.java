package dev.tangle.tools.bench;

/** Placeholder, filled in next. */
final class ChurnRun {
    ChurnRun(Target target, BenchOptions opts) {
    }

    Report run() {
        throw new UnsupportedOperationException();
    }
}
