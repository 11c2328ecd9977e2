package dev.tangle.tools.chaos;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.tangle.tools.cli.CliException;
import dev.tangle.tools.cli.Service;

/** The faults of the suite, by name. */
public enum Scenario {
    BASELINE("baseline", "no fault: the same load and accounting, for comparison"),
    NATS_KILL("nats-kill", "kill -9 the NATS node leading TANGLE_EVENTS, start it again after --nats-down (10s)"),
    API_KILL("api-kill", "kill -9 one api-server, start it again after 5 s"),
    SOCKET_KILL("socket-kill", "kill -9 one socket-server (its clients move to the other), start it again after 5 s"),
    GEO_KILL("geo-kill", "kill -9 one geo-service, start it again after 5 s"),
    MEDIA_KILL("media-kill", "kill -9 one media-service, start it again after 5 s"),
    POSTGRES_STOP("postgres-stop", "stop PostgreSQL for --pg-down (30s), then start it again"),
    SOCKET_PAUSE("socket-pause", "SIGSTOP one socket-server for --pause (15s), then SIGCONT"),
    SLOW_READER("slow-reader", "two clients stop reading their socket for --slow (20s) while their group is flooded");

    /** Every scenario, in the order {@code all} runs them. */
    public static final List<Scenario> ALL = List.of(values()).subList(1, values().length);
    /** What CI runs (with shorter outages, see {@link ChaosOptions#ci()}). */
    public static final List<Scenario> SHORT = List.of(NATS_KILL, API_KILL, SOCKET_KILL, POSTGRES_STOP, SOCKET_PAUSE, SLOW_READER);

    private final String label;
    private final String summary;

    Scenario(String label, String summary) {
        this.label = label;
        this.summary = summary;
    }

    public String label() {
        return label;
    }

    public String summary() {
        return summary;
    }

    /** The service a kill scenario kills. */
    Service killed() {
        return switch (this) {
            case API_KILL -> Service.API_SERVER;
            case SOCKET_KILL -> Service.SOCKET_SERVER;
            case GEO_KILL -> Service.GEO_SERVICE;
            case MEDIA_KILL -> Service.MEDIA_SERVICE;
            default -> throw new IllegalStateException(label + " kills no service");
        };
    }

    /** {@code all}, {@code short}, or comma-separated names. */
    public static List<Scenario> parse(String spec) {
        if (spec.equals("all")) {
            return ALL;
        }
        if (spec.equals("short")) {
            return SHORT;
        }
        return Arrays.stream(spec.split(",")).map(String::trim).map(name -> Arrays.stream(values())
                        .filter(s -> s.label.equals(name)).findFirst()
                        .orElseThrow(() -> new CliException("unknown scenario '" + name + "': all, short or one of " + names())))
                .toList();
    }

    static String names() {
        return Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "));
    }

    static Duration restartDelay() {
        return Duration.ofSeconds(5);
    }
}
