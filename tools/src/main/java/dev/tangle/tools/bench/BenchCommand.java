package dev.tangle.tools.bench;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./tangle bench <scenario> [options]}: load and benchmark runs against the dev stack (or --api/--ws)
 * and, for {@code peers}, against a bare nats-server and a Node.js ws server on the same machine.
 */
public final class BenchCommand {

    static final String USAGE = """
            usage: tangle bench <scenario> [options]
              fanout   --clients N --group-size K --rate R --duration D   group fan-out over WebSocket
              chat     (fanout options) + typing, reads, presence, history, reconnect-and-resume
              connect  --clients N --rate R --duration D                  connection churn: upgrade+auth+resume
              peers    (fanout options; default 2000/50/500/20s)          Tangle vs nats-server vs Node ws
              auth | chat-write | feed | search                           scenarios of their own issues
              location --sharers N --viewers-per-sharer M --update-interval 1s --places 10000   live location (docs/geo.md)
              media    --files N --workers W --rounds R                    thumbnails/s vs vipsthumbnail (no stack needed)
              map      --points 1000000 --users 10000 --friends 200       memory-map index vs npm supercluster
            common options: --api URL --ws URL (default: .tangle/dev.env) --json FILE --drain 10s
              --payload-bytes 64 --threads 2 --connect-concurrency 256 --source-ips N --target tangle|nats|node
            see docs/benchmarks.md""";

    private static final Map<String, String> EXTERNAL = Map.of(
            "auth", "dev.tangle.tools.bench.AuthBench",
            "chat-write", "dev.tangle.tools.bench.ChatWriteBench",
            "feed", "dev.tangle.tools.bench.FeedBench",
            "location", "dev.tangle.tools.bench.LocationBench",
            "search", "dev.tangle.tools.bench.SearchBench",
            "media", "dev.tangle.tools.bench.MediaBenchLauncher",
            "map", "dev.tangle.tools.bench.MapBench");

    private BenchCommand() {
    }

    /** Runs the bench without the launcher: {@code java -cp ... dev.tangle.tools.bench.BenchCommand fanout ...}. */
    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    public static int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            System.out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String scenario = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            if (EXTERNAL.containsKey(scenario)) {
                return external(EXTERNAL.get(scenario), rest);
            }
            BenchOptions opts = BenchOptions.parse(rest);
            return switch (scenario) {
                case "fanout" -> single(scenario, opts);
                case "chat" -> single(scenario, opts);
                case "connect" -> single(scenario, opts);
                case "peers" -> PeersRun.run(opts, scratch());
                default -> {
                    System.err.println("unknown scenario: " + scenario + "\n" + USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("bench: " + scenario + " failed: " + e);
            return 1;
        }
    }

    /** Runs one scenario against one target (Tangle unless --target says otherwise). */
    private static int single(String scenario, BenchOptions opts) throws Exception {
        Report report = runScenario(scenario, Targets.create(opts.string("target", "tangle"), opts, scratch()), opts);
        report.print(System.out);
        Path json = opts.path("json");
        if (json != null) {
            report.writeJson(json);
            System.out.println("  report written to " + json);
        }
        return report.missing() == 0 && report.duplicates() == 0 && report.connectFailures() == 0 ? 0 : 1;
    }

    static Report runScenario(String scenario, Target target, BenchOptions opts) throws Exception {
        return switch (scenario) {
            case "fanout" -> new FanoutRun(scenario, target, opts).run();
            case "chat" -> new ChatRun(target, opts).run();
            case "connect" -> new ChurnRun(target, opts).run();
            default -> throw new IllegalArgumentException("unknown scenario: " + scenario);
        };
    }

    static Path scratch() {
        return Path.of(".tangle", "bench").toAbsolutePath();
    }

    private static int external(String className, List<String> args) {
        try {
            Class.forName(className).getMethod("run", List.class).invoke(null, args);
            return 0;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println("bench: scenario not available in this build (" + className + ")");
            return 2;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(className + ".run is not public", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(className + " failed: " + cause, cause);
        }
    }
}
