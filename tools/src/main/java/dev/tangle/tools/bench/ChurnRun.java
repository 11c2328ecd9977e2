package dev.tangle.tools.bench;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.tangle.tools.bench.ws.WsClient;
import dev.tangle.tools.bench.ws.WsConnection;
import dev.tangle.tools.bench.ws.WsListener;

/**
 * {@code connect}: connection churn. Connections start on an open-loop schedule at {@code --rate} per second;
 * each upgrades, authenticates (Tangle: token in the query, then {@code resume} and its {@code resumed}),
 * counts as done when ready and closes cleanly. Latency runs from the intended start to ready.
 */
final class ChurnRun implements Target.Events, WsListener {

    private final Target target;
    private final BenchOptions opts;
    private final Population pop;
    private final Latency latency = new Latency();
    private final LongAdder started = new LongAdder();
    private final LongAdder ready = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile String lastFailure = "";
    private final Map<BenchClient, Long> intended = new java.util.concurrent.ConcurrentHashMap<>();

    ChurnRun(Target target, BenchOptions opts) {
        this.target = target;
        this.opts = opts;
        this.pop = new Population(opts.integer("clients", 200), opts.integer("group-size", 2));
    }

    Report run() throws Exception {
        String startedAt = Instant.now().toString();
        double rate = opts.decimal("rate", 100);
        int count = (int) Math.round(rate * opts.duration("duration", Duration.ofSeconds(20)).toMillis() / 1000.0);
        long interval = Math.round(1e9 / rate);
        // a closed connection keeps its client port in TIME_WAIT for 60 s: spread a minute of connections over
        // enough loopback source addresses that no one runs out of ephemeral ports (--source-ips overrides)
        int perMinute = (int) Math.min(count, Math.round(rate * 60));
        InetAddress[] sources = Fleet.sourceAddresses(opts.integer("source-ips", (perMinute + Fleet.PER_SOURCE - 1) / Fleet.PER_SOURCE));
        System.out.printf("connect on %s: %d connections at %.0f/s over %d users%n", target.name(), count, rate, pop.clients.size());
        target.prepare(pop);
        if (target instanceof TangleTarget t) {
            t.resumeOnConnect = true;
        }
        ServerMeter meter = new ServerMeter(target.serverPids());
        meter.start();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        try (WsClient ws = new WsClient(opts.integer("threads", 2));
             Progress progress = Progress.start(s -> String.format("[connect %s] %3ds started %d ready %d failed %d  p99 %.1fms",
                     target.name(), s, started.sum(), ready.sum(), failed.sum(), latency.roll().getValueAtPercentile(99) / 1000.0))) {
            for (int n = 0; n < count; n++) {
                long due = start + n * interval;
                long wait = due - System.nanoTime();
                if (wait > 20_000) {
                    LockSupport.parkNanos(wait);
                }
                BenchClient user = pop.clients.get(n % pop.clients.size());
                BenchClient attempt = new BenchClient(user.index, user.group, user.position);
                attempt.session = user.session;
                intended.put(attempt, due);
                started.increment();
                URI uri = target.uri(attempt);
                InetAddress source = sources.length == 0 || !Fleet.isLoopback(uri.getHost()) ? null : sources[n % sources.length];
                try {
                    attempt.conn = ws.connect(uri, source, target.upgradeHeaders(attempt), this, attempt);
                } catch (UncheckedIOException e) {
                    // out of sockets or ports: a failed connection, not the end of the run (the message has no token)
                    if (intended.remove(attempt) != null) {
                        failed.increment();
                    }
                    lastFailure = e.getMessage();
                }
            }
            long deadline = System.nanoTime() + opts.duration("drain", Duration.ofSeconds(10)).toNanos();
            while (!intended.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            meter.stop();
            target.close();
        }
        if (failed.sum() > 0 && !lastFailure.isEmpty()) {
            System.out.println("  last failure: " + lastFailure);
        }
        double seconds = Math.max(1e-3, count * interval / 1e9);
        long timedOut = intended.size();
        Map<String, String> params = new LinkedHashMap<>(opts.asMap());
        params.keySet().removeAll(java.util.Set.of("json", "api", "ws", "env"));
        double cpu = meter.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        return new Report("connect", target.name(), startedAt, params, seconds, pop.clients.size(), (int) ready.sum(),
                (int) (failed.sum() + timedOut), 0, started.sum(), 0, ready.sum(), failed.sum(), timedOut, 0, 0, 0, 0, 0,
                Math.round(ready.sum() / seconds), Latency.summarize(latency.total()), Latency.summarize(new Latency().total()),
                meter.cpuSeconds(), meter.rssBytes(), ready.sum() == 0 ? 0 : Math.round(cpu / ready.sum() * 100_000 * 100) / 100.0,
                0, meter.clientCpuSeconds(), "connections: sent = started, acked = ready, latency = intended start to ready; "
                + "deliveredPerSec = ready connections per second; CPU per 100k connections");
    }

    @Override
    public void ready(BenchClient c, long nanos) {
        Long due = intended.remove(c);
        if (due != null) {
            latency.record(nanos - due);
            ready.increment();
            c.conn.close(1000);
        }
    }

    @Override
    public void acked(BenchClient c, int msg, long nanos) {
    }

    @Override
    public void failed(BenchClient c, int msg, String why) {
    }

    @Override
    public void delivered(BenchClient c, int msg, long intendedNanos, long recvNanos) {
    }

    @Override
    public void onOpen(WsConnection conn) {
        BenchClient c = conn.attachment();
        c.conn = conn;
        target.opened(c, this);
    }

    @Override
    public void onMessage(WsConnection conn, byte[] data, int off, int len, boolean text, long recvNanos) {
        BenchClient c = conn.attachment();
        target.frame(c, data, off, len, text, recvNanos, this);
    }

    @Override
    public void onClose(WsConnection conn, int code, String reason) {
        BenchClient c = conn.attachment();
        if (intended.remove(c) != null) {
            failed.increment();
        }
    }
}
