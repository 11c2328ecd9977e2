package dev.tangle.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine (NIO client, schedule, ledger, meter) against a real nats-server over WebSocket. */
class NatsFanoutTest {

    @TempDir
    Path dir;

    @Test
    void smallFanoutLosesAndDuplicatesNothing() throws Exception {
        BenchOptions opts = BenchOptions.parse(List.of("--clients", "20", "--group-size", "5", "--rate", "100",
                "--duration", "2s", "--drain", "5s", "--json", dir.resolve("r.json").toString()));
        Report r = new FanoutRun("fanout", new NatsTarget(dir.resolve("nats")), opts).run();
        assertThat(r.connected()).isEqualTo(20);
        assertThat(r.sent()).isEqualTo(200);
        assertThat(r.acked()).isEqualTo(200);
        assertThat(r.expected()).isEqualTo(200 * 4);
        assertThat(r.delivered()).isEqualTo(200 * 4);
        assertThat(r.missing()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.latencyMs().count()).isEqualTo(800);
        assertThat(r.serverCpuSeconds()).containsKey("nats-server");
        assertThat(r.serverRssBytes().get("nats-server")).isPositive();
        r.writeJson(dir.resolve("r.json"));
        assertThat(dir.resolve("r.json")).content().contains("\"deliveredPerSec\"", "\"p999\"", "\"missing\" : 0");
    }

    @Test
    void aServerThatDropsMessagesIsCaught() throws Exception {
        BenchOptions opts = BenchOptions.parse(List.of("--clients", "10", "--group-size", "5", "--rate", "50",
                "--duration", "1s", "--drain", "1s"));
        Target lossy = new LossyTarget(new NatsTarget(dir.resolve("nats2")));
        Report r = new FanoutRun("fanout", lossy, opts).run();
        assertThat(r.acked()).isEqualTo(50);
        long sentByOthers = 50 - 50 / 5; // member 1 sends a fifth of the messages and is not its own recipient
        assertThat(r.missing()).isEqualTo(sentByOthers);
        assertThat(r.delivered()).isEqualTo(r.expected() - r.missing());
    }

    /** Member 1 of every group "loses" every delivery after the warm-up (message indices from 2 on). */
    private record LossyTarget(NatsTarget inner) implements Target {
        public String name() {
            return "lossy-nats";
        }

        public void prepare(Population pop) throws Exception {
            inner.prepare(pop);
        }

        public java.net.URI uri(BenchClient c) {
            return inner.uri(c);
        }

        public void opened(BenchClient c, Events events) {
            inner.opened(c, events);
        }

        public boolean send(BenchClient c, int msg, String payload) {
            return inner.send(c, msg, payload);
        }

        public java.util.Map<String, Long> serverPids() {
            return inner.serverPids();
        }

        public void close() {
            inner.close();
        }

        public void frame(BenchClient c, byte[] d, int off, int len, boolean text, long recvNanos, Events events) {
            inner.frame(c, d, off, len, text, recvNanos, new Events() {
                public void ready(BenchClient cl, long n) {
                    events.ready(cl, n);
                }

                public void acked(BenchClient cl, int m, long n) {
                    events.acked(cl, m, n);
                }

                public void failed(BenchClient cl, int m, String why) {
                    events.failed(cl, m, why);
                }

                public void delivered(BenchClient cl, int m, long i, long n) {
                    if (cl.position != 1 || m < 2) {
                        events.delivered(cl, m, i, n);
                    }
                }
            });
        }
    }
}
