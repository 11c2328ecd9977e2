package dev.tangle.tools.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Commands;

/**
 * Options of {@code tangle chaos}: the outages' lengths, where to write the table, and the load (every other
 * {@code --name value} goes to the bench's fan-out: --clients, --group-size, --rate, --duration, --drain).
 */
public record ChaosOptions(Duration natsDown, Duration postgresDown, Duration pause, Duration slow, int flood,
                           OptionalInt portBase, Path markdown, Map<String, String> load) {

    static final Map<String, String> LOAD_DEFAULTS = Map.of("clients", "200", "group-size", "10", "rate", "50",
            "drain", "60s", "recovery-timeout", "60s", "idle-gc", "false");

    public static ChaosOptions parse(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new CliException("options are --name value pairs, not '" + arg + "'", Commands.USAGE);
            }
            given.put(arg.substring(2), args.get(++i));
        }
        Duration natsDown = duration(given.remove("nats-down"), Duration.ofSeconds(10));
        Duration pgDown = duration(given.remove("pg-down"), Duration.ofSeconds(30));
        Duration pause = duration(given.remove("pause"), Duration.ofSeconds(15));
        Duration slow = duration(given.remove("slow"), Duration.ofSeconds(20));
        int flood = Integer.parseInt(given.getOrDefault("flood", "300"));
        given.remove("flood");
        String base = given.remove("port-base");
        String markdown = given.remove("markdown");
        Map<String, String> load = new LinkedHashMap<>(LOAD_DEFAULTS);
        load.putAll(given);
        return new ChaosOptions(natsDown, pgDown, pause, slow, flood,
                base == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(base)),
                markdown == null ? null : Path.of(markdown), load);
    }

    /**
     * The CI version (ADR 0156): shorter outages that still outlast what they must (a NATS node down past its
     * cluster's loss detection, PostgreSQL down past the 1 s pool acquire and 1.5 s request timeouts so that sends
     * are refused, a socket-server paused past the clients' 4 s silence watchdog), the fault 2 s into the schedule,
     * a smaller load.
     */
    public static ChaosOptions ci() {
        return parse(List.of("--nats-down", "4s", "--pg-down", "6s", "--pause", "6s", "--slow", "6s", "--flood", "0",
                "--fault-at", "2s", "--clients", "100", "--rate", "30"));
    }

    public ChaosOptions withPortBase(int base) {
        return new ChaosOptions(natsDown, postgresDown, pause, slow, flood, OptionalInt.of(base), markdown, load);
    }

    /** How long the fault of a scenario keeps something broken. */
    Duration outage(Scenario scenario) {
        return switch (scenario) {
            case NATS_KILL -> natsDown;
            case POSTGRES_STOP -> postgresDown;
            case SOCKET_PAUSE -> pause;
            case SLOW_READER -> slow;
            case BASELINE -> Duration.ZERO;
            default -> Scenario.restartDelay();
        };
    }

    /**
     * The bench options of one scenario: the send schedule lasts at most until 12 s after the outage (unless
     * --duration); it ends --after-recovery (3 s) after the stack is back (see {@link dev.tangle.tools.bench.ChaosLoad}).
     */
    List<String> loadArguments(Scenario scenario) {
        Map<String, String> opts = new LinkedHashMap<>(load);
        long faultAt = duration(opts.get("fault-at"), Duration.ofSeconds(4)).toMillis();
        opts.putIfAbsent("duration", (faultAt + outage(scenario).toMillis() + 12_000) + "ms");
        List<String> args = new ArrayList<>();
        opts.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }

    static Duration duration(String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new CliException("not a duration: '" + text + "' (e.g. 500ms, 15s, 2m)", Commands.USAGE);
        }
    }
}
