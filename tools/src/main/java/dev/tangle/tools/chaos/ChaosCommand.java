package dev.tangle.tools.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Command;
import dev.tangle.tools.cli.Commands;
import dev.tangle.tools.bench.ChaosLoad;
import dev.tangle.tools.dev.Workspace;

/** {@code tangle chaos <scenario|all|short> [options]}: see {@link ChaosSuite}. Exits 1 unless every row is clean. */
public final class ChaosCommand implements Command {

    private final Map<String, String> env;
    private final PrintStream console;

    public ChaosCommand() {
        this(System.getenv(), System.out);
    }

    public ChaosCommand(Map<String, String> env, PrintStream console) {
        this.env = env;
        this.console = console;
    }

    @Override
    public String name() {
        return "chaos";
    }

    @Override
    public String arguments() {
        return "<scenario,...|all|short> [--nats-down 10s --pg-down 30s --pause 15s --slow 20s --flood 300 --clients 200 --rate 50 "
               + "--fault-at 4s --after-recovery 3s --markdown FILE]";
    }

    @Override
    public String summary() {
        return "fault suite on its own cluster-mode stack: " + Scenario.names();
    }

    @Override
    public int run(List<String> args) {
        if (args.isEmpty()) {
            throw new CliException("name a scenario (" + Scenario.names() + "), 'all' or 'short'", Commands.USAGE);
        }
        List<Scenario> scenarios = Scenario.parse(args.getFirst());
        ChaosOptions options = args.getFirst().equals("short") && args.size() == 1 ? ChaosOptions.ci()
                : ChaosOptions.parse(args.subList(1, args.size()));
        List<ChaosLoad.Result> results;
        try {
            results = new ChaosSuite(Workspace.locate(env), env).run(scenarios, options);
        } catch (CliException e) {
            throw e;
        } catch (Exception e) {
            throw new CliException("the fault suite failed: " + e, e);
        }
        console.println();
        ChaosTable.print(console, results);
        if (options.markdown() != null) {
            try {
                StringBuilder md = new StringBuilder(ChaosTable.HEADER + "\n" + ChaosTable.RULE + "\n");
                results.forEach(r -> md.append(ChaosTable.row(r)).append('\n'));
                Files.writeString(options.markdown(), md);
            } catch (IOException e) {
                throw new CliException("cannot write " + options.markdown() + ": " + e.getMessage(), e);
            }
        }
        boolean clean = results.stream().allMatch(ChaosLoad.Result::clean);
        console.println(clean ? "chaos: every scenario clean (0 lost, 0 gaps, 0 duplicates, every client back, nothing hung)"
                : "chaos: FAILED: a scenario lost, repeated or hung something (see the table)");
        return clean ? 0 : 1;
    }
}
