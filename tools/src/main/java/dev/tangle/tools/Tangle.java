package dev.tangle.tools;

import java.util.List;

import dev.tangle.tools.bench.BenchCommand;
import dev.tangle.tools.chaos.ChaosCommand;
import dev.tangle.tools.dev.DevCommand;
import dev.tangle.tools.dev.ResetCommand;
import dev.tangle.tools.dev.StartCommand;
import dev.tangle.tools.cli.Command;
import dev.tangle.tools.cli.Commands;

/** The {@code tangle} command line: {@code dev}, {@code reset}, {@code start}, {@code bench}, {@code chaos}, {@code help}. */
public final class Tangle {

    private Tangle() {
    }

    public static void main(String[] args) {
        System.exit(commands().run(args));
    }

    /** Every sub-command, in the order the usage lists them. */
    public static Commands commands() {
        return new Commands(List.of(new DevCommand(), new ResetCommand(), new StartCommand(), new Bench(), new ChaosCommand()),
                System.out, System.err);
    }

    /** {@code tangle bench <scenario> [options]}: see {@link BenchCommand}. */
    private static final class Bench implements Command {

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public String arguments() {
            return "<scenario> [options]";
        }

        @Override
        public String summary() {
            return "load and benchmark runs: fanout, chat, connect, peers, auth, chat-write, feed";
        }

        @Override
        public int run(List<String> args) {
            return BenchCommand.run(args);
        }
    }
}
