package dev.tangle.tools.bench;

import java.util.List;

import dev.tangle.tools.CliException;
import dev.tangle.tools.Command;

/** Load and latency benchmarks against a running stack. Not built yet: it says so. */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String arguments() {
        return "<scenario>";
    }

    @Override
    public String summary() {
        return "load and latency benchmarks against a running stack (not yet available)";
    }

    @Override
    public int run(List<String> args) {
        throw new CliException("not yet available (it arrives with the benchmark issue)", 3);
    }
}
