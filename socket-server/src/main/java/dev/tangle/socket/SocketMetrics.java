package dev.tangle.socket;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tangle.common.metrics.Metrics;
import dev.tangle.socket.frames.OutFrame;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The socket-server's meters: {@code tangle_socket_sessions_open}, {@code tangle_socket_frames_in_total{type}},
 * {@code tangle_socket_frames_out_total{type}}, {@code tangle_socket_delivery_latency_seconds} (event time to
 * written), {@code tangle_socket_slow_consumer_disconnects_total}, {@code tangle_socket_resumes_total},
 * {@code tangle_socket_resume_messages}, {@code tangle_socket_resume_head_hits_total} (conversations resumed without
 * history), {@code tangle_socket_closes_total{code}}.
 */
public final class SocketMetrics {

    private final Metrics metrics;
    private final MeterRegistry registry;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final Timer latency;
    private final Counter slow;
    private final Counter resumes;
    private final Counter resumesFromHead;
    private final Counter gapMessages;
    private final DistributionSummary resumeSize;

    public SocketMetrics(Metrics metrics) {
        this.metrics = metrics;
        this.registry = metrics.registry();
        latency = Timer.builder(metrics.name("delivery.latency"))
                .description("From the event's time to the frame written to the socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        slow = Counter.builder(metrics.name("slow.consumer.disconnects")).register(registry);
        resumes = Counter.builder(metrics.name("resumes")).register(registry);
        resumesFromHead = Counter.builder(metrics.name("resume.head.hits")).register(registry);
        gapMessages = Counter.builder(metrics.name("gap.filled.messages"))
                .description("Messages delivered from history because live delivery skipped them").register(registry);
        resumeSize = DistributionSummary.builder(metrics.name("resume.messages"))
                .description("Messages delivered by one resume").register(registry);
    }

    public void gauge(String thing, Supplier<Number> value) {
        Gauge.builder(metrics.name(thing), value).register(registry);
    }

    public void frameIn(String type) {
        in.computeIfAbsent(type, t -> Counter.builder(metrics.name("frames.in")).tag("type", t).register(registry)).increment();
    }

    public void frameOut(OutFrame frame) {
        out.computeIfAbsent(frame.type(), t -> Counter.builder(metrics.name("frames.out")).tag("type", t).register(registry))
                .increment();
        if (frame.eventMillis() > 0) {
            latency.record(Math.max(0, System.currentTimeMillis() - frame.eventMillis()), TimeUnit.MILLISECONDS);
        }
    }

    public void closed(int code) {
        closes.computeIfAbsent(code, c -> Counter.builder(metrics.name("closes")).tag("code", Integer.toString(c))
                .register(registry)).increment();
        if (code == 4009) {
            slow.increment();
        }
    }

    public void gapFilled(int messages) {
        gapMessages.increment(messages);
    }

    /** A conversation of a resume needed no history: its cursor was at the head (ADR 0158). */
    public void resumeFromHead() {
        resumesFromHead.increment();
    }

    public void resumed(int messages) {
        resumes.increment();
        resumeSize.record(messages);
    }
}
