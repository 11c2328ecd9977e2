package dev.tangle.tools.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out engine shared by every target: connect the population, warm up each group, then send on an
 * open-loop schedule (message n is due at start + n/rate whatever happened before), drain, and account.
 * See ADR 0050.
 */
class FanoutRun implements Target.Events {

    protected final Target target;
    protected final BenchOptions opts;
    protected final String scenario;
    protected final Population pop;
    protected final Ledger ledger;
    protected final Latency latency = new Latency();
    protected final Latency ackLatency = new Latency();
    protected final long base = System.nanoTime();
    protected final int warmups;
    protected final int count;
    protected final long intervalNanos;
    protected final LongAdder acks = new LongAdder();
    protected final LongAdder refused = new LongAdder();
    private final LongAdder measured = new LongAdder();
    protected volatile Fleet fleet;
    protected volatile long scheduled;
    protected long skipped;
    protected Ledger.Expectation expectation = Ledger.Expectation.CONTINUOUS;

    FanoutRun(String scenario, Target target, BenchOptions opts) {
        this.scenario = scenario;
        this.target = target;
        this.opts = opts;
        this.pop = new Population(opts.integer("clients", 1000), opts.integer("group-size", 50));
        double rate = opts.decimal("rate", 200);
        double seconds = opts.duration("duration", java.time.Duration.ofSeconds(30)).toMillis() / 1000.0;
        this.warmups = pop.groups;
        this.count = (int) Math.round(rate * seconds);
        this.intervalNanos = Math.round(1e9 / rate);
        this.ledger = new Ledger(pop, warmups + count);
    }

    Report run() throws Exception {
        String startedAt = Instant.now().toString();
        System.out.printf("%s on %s: %d clients in %d groups of %d, %d messages at %s/s%n", scenario, target.name(),
                pop.clients.size(), pop.groups, pop.groupSize, count, opts.string("rate", "200"));
        target.prepare(pop);
        ServerMeter meter = new ServerMeter(target.serverPids(), !opts.string("idle-gc", "true").equals("false"));
        fleet = new Fleet(pop, target, this, opts.integer("threads", 2), opts.integer("connect-concurrency", 256),
                opts.integer("source-ips", 0));
        beforeConnect();
        try {
            long t0 = System.nanoTime();
            int ready = fleet.connectAll(opts.duration("connect-timeout", java.time.Duration.ofSeconds(30 + pop.clients.size() / 200)).toNanos());
            System.out.printf("  %d of %d connected in %.1f s%n", ready, pop.clients.size(), (System.nanoTime() - t0) / 1e9);
            if (meter.fullGcs()) {
                Thread.sleep(1000); // lets the connections' set-up garbage become collectable before the full GCs
            }
            meter.idle(ready);
            meter.heapPerIdleConnection().forEach((svc, bytes) -> System.out.printf(
                    "  %s live heap per idle connection (live objects after a full GC): %s%n", svc, Report.kib(bytes)));
            String note = warmUp() ? "" : "warm-up incomplete: some members never received their group's first message";
            beforeMeasure();
            meter.start();
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            try (Progress progress = Progress.start(this::progressLine)) {
                sendSchedule(start);
                drain();
            }
            long end = lastActivity(start);
            meter.stop();
            return report(startedAt, start, end, meter, note);
        } finally {
            afterMeasure();
            fleet.close();
            target.close();
        }
    }

    /** Hook for runs whose clients reconnect: called once the fleet exists, before the clients connect. */
    protected void beforeConnect() {
    }

    /** Hook for mixed workloads: start background actions. */
    protected void beforeMeasure() {
    }

    /** Hook for mixed workloads: stop background actions. */
    protected void afterMeasure() {
    }

    /** Hook for runs that end their send schedule early once it proved what it is for; checked before each send. */
    protected boolean scheduleComplete() {
        return false;
    }

    /** One message per group from its first member; true when every ready member got it. */
    private boolean warmUp() throws InterruptedException {
        long now = System.nanoTime();
        for (int g = 0; g < pop.groups; g++) {
            BenchClient sender = pop.member(g, 0);
            if (sender.isReady()) {
                ledger.sent(g, sender, now);
                target.send(sender, g, Payload.text(g, now - base, opts.integer("payload-bytes", 64)));
            }
        }
        long deadline = System.nanoTime() + opts.duration("warmup-timeout", java.time.Duration.ofSeconds(30)).toNanos();
        Ledger.Tally t;
        do {
            Thread.sleep(100);
            t = ledger.tally(0, warmups, expectation);
        } while ((t.missing() > 0 || t.unacked() > 0) && System.nanoTime() < deadline);
        latency.reset();
        ackLatency.reset();
        System.out.printf("  warm-up: %d of %d deliveries%n", t.expected() - t.missing(), t.expected());
        return t.missing() == 0;
    }

    private void sendSchedule(long start) {
        int size = opts.integer("payload-bytes", 64);
        for (int n = 0; n < count; n++) {
            if (scheduleComplete()) {
                return;
            }
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            BenchClient sender = pop.senderOf(n);
            int msg = warmups + n;
            scheduled = n + 1;
            if (!sender.isReady()) {
                skipped++;
                continue;
            }
            ledger.sent(msg, sender, due);
            if (!target.send(sender, msg, Payload.text(msg, due - base, size))) {
                ledger.failed(msg);
            }
        }
    }

    protected void drain() throws InterruptedException {
        long deadline = System.nanoTime() + opts.duration("drain", java.time.Duration.ofSeconds(10)).toNanos();
        while (System.nanoTime() < deadline) {
            Ledger.Tally t = ledger.tally(warmups, warmups + count, expectation);
            if (t.missing() == 0 && t.unacked() == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private volatile long lastDelivery;

    private long lastActivity(long start) {
        return Math.max(lastDelivery, start + scheduled * intervalNanos);
    }

    @Override
    public void ready(BenchClient c, long nanos) {
        fleet.markReady(c, nanos);
    }

    @Override
    public void acked(BenchClient c, int msg, long nanos) {
        if (msg >= 0 && msg < ledger.capacity() && ledger.acked(msg) && msg >= warmups) {
            acks.increment();
            ackLatency.record(nanos - ledger.intended(msg));
        }
    }

    @Override
    public void failed(BenchClient c, int msg, String why) {
        if (msg >= 0 && msg < ledger.capacity()) {
            ledger.failed(msg);
            refused.increment();
        }
    }

    @Override
    public void delivered(BenchClient c, int msg, long intendedNanos, long recvNanos) {
        if (ledger.delivered(msg, c) && msg >= warmups) {
            measured.increment();
            latency.record(recvNanos - (base + intendedNanos));
            lastDelivery = recvNanos;
        }
    }

    private long measuredDelivered() {
        return measured.sum();
    }

    private String progressLine(long elapsedSec) {
        var h = latency.roll();
        ackLatency.roll();
        return String.format("[%s %s] %3ds sent %d acked %d delivered %d dup %d  p50 %.1fms p99 %.1fms  conns %d",
                scenario, target.name(), elapsedSec, scheduled - skipped, acks.sum(), measuredDelivered(),
                ledger.duplicates.sum(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, fleet.ready());
    }

    private Report report(String startedAt, long start, long end, ServerMeter meter, String note) {
        Ledger.Tally t = ledger.tally(warmups, warmups + count, expectation);
        long delivered = measuredDelivered();
        double seconds = Math.max(1e-3, (end - start) / 1e9);
        Map<String, String> params = new LinkedHashMap<>(opts.asMap());
        params.keySet().removeAll(java.util.Set.of("json", "api", "ws", "env"));
        double cpu = meter.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        return new Report(scenario, target.name(), startedAt, params, Math.round(seconds * 10) / 10.0,
                pop.clients.size(), fleet.ready(), fleet.connectFailures.get(), fleet.drops.get(), t.sent(), skipped,
                t.acked(), t.failed(), t.unacked(), t.expected(), delivered, ledger.duplicates.sum(), t.missing(),
                ledger.unexpected.sum(), Math.round(delivered / seconds), Latency.summarize(latency.total()),
                Latency.summarize(ackLatency.total()), meter.cpuSeconds(), meter.rssBytes(),
                delivered == 0 ? 0 : Math.round(cpu / delivered * 100_000 * 100) / 100.0, meter.perIdleConnection(),
                meter.clientCpuSeconds(), note);
    }
}
