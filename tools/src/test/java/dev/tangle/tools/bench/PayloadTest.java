package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void payloadIsFoundInsideAJsonFrameAndPaddedToSize() {
        String text = Payload.text(42, 123_456_789L, 64);
        assertThat(text).hasSize(64).startsWith("tb1.42.123456789.");
        byte[] frame = ("{\"type\":\"message\",\"event\":\"created\",\"message\":{\"seq\":7,\"text\":\"" + text + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        long[] out = new long[2];
        assertThat(Payload.find(frame, 0, frame.length, out)).isTrue();
        assertThat(out).containsExactly(42, 123_456_789L);
        assertThat(Scan.stringField(frame, 0, frame.length, Scan.stringKey("type"))).isEqualTo("message");
        assertThat(Scan.longField(frame, 0, frame.length, Scan.key("seq"))).isEqualTo(7);
        byte[] truncated = "tb1.42.1234".getBytes(StandardCharsets.UTF_8);
        assertThat(Payload.find(truncated, 0, truncated.length, out)).isFalse();
    }

    @Test
    void optionsParseDurationsAndDefaults() {
        BenchOptions o = BenchOptions.parse(List.of("--clients", "10_000", "--duration=60s", "--drain", "500ms"))
                .withDefaults(PeersRun.DEFAULTS);
        assertThat(o.integer("clients", 1)).isEqualTo(10_000);
        assertThat(o.duration("duration", Duration.ZERO)).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.duration("drain", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(o.integer("group-size", 1)).isEqualTo(50);
        assertThat(BenchOptions.parseDuration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void histogramSummaryIsInMilliseconds() {
        Latency l = new Latency();
        for (int i = 1; i <= 1000; i++) {
            l.record(i * 1_000_000L); // 1..1000 ms
        }
        Latency.Summary s = Latency.summarize(l.total());
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isBetween(499.0, 501.0);
        assertThat(s.p99()).isBetween(989.0, 991.0);
        assertThat(s.max()).isBetween(999.0, 1001.0);
    }

    @Test
    void devEnvFileIsParsed() {
        var vars = DevEnv.parse("# written by ./tangle dev\nexport TANGLE_API_URL=http://127.0.0.1:8080\nTANGLE_NATS_URL=\"nats://127.0.0.1:4222\"\n");
        assertThat(vars).containsEntry("TANGLE_API_URL", "http://127.0.0.1:8080").containsEntry("TANGLE_NATS_URL", "nats://127.0.0.1:4222");
    }

    @Test
    void absentScenarioIsReportedNotThrown() {
        assertThat(BenchCommand.run(List.of("feed"))).isIn(0, 2); // 2 until FeedBench is merged
        assertThat(BenchCommand.run(List.of("nonsense"))).isEqualTo(2);
    }
}
