package dev.tangle.tools.bench;

/** Placeholder, filled in next. */
final class ChatRun extends FanoutRun {
    ChatRun(Target target, BenchOptions opts) {
        super("chat", target, opts);
    }
}
