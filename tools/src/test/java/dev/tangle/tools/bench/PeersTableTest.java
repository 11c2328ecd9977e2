package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PeersTableTest {

    private static Report report(String target, double perSec, double p99, double cpu, long mem) {
        Latency.Summary l = new Latency.Summary(1, 1, 1, p99, p99, p99);
        return new Report("fanout", target, "now", Map.of(), 20, 10, 10, 0, 0, 5, 0, 5, 0, 0, 45, 45, 0, 0, 0,
                perSec, l, l, Map.of(target, cpu), Map.of(target, 1L), cpu, mem, 1, "");
    }

    private static String table(List<PeersRun.Column> columns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeersRun.printTable(columns, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tangleNotRunningIsMarkedAndPeersStillShown() {
        String out = table(List.of(new PeersRun.Column("tangle", null, "not running"),
                new PeersRun.Column("nats", report("nats", 24000, 50, 1.4, 26_000), null)));
        assertThat(out).contains("not running", "24000", "Tangle not measured in this run (not running)");
    }

    @Test
    void ratiosCompareTangleWithEachPeer() {
        String out = table(List.of(new PeersRun.Column("tangle", report("tangle", 12000, 100, 2.8, 52_000), null),
                new PeersRun.Column("nats", report("nats", 24000, 50, 1.4, 26_000), null)));
        assertThat(out).contains("Tangle / nats", "throughput x0.50", "p99 x2.00", "CPU per delivery x2.00", "memory per connection x2.00");
    }
}
