package dev.tangle.tools.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tangle.tools.bench.ws.WsClient;
import dev.tangle.tools.bench.ws.WsConnection;
import dev.tangle.tools.bench.ws.WsListener;

/**
 * The population's WebSocket connections: opened with bounded concurrency, each bound to a 127.0.0.x source
 * address round-robin when there are more connections than one source address has ephemeral ports for.
 */
final class Fleet implements WsListener, AutoCloseable {

    /** Connections per source address before a second one is used (the default range has ~28k ports). */
    static final int PER_SOURCE = 20_000;

    private final Population pop;
    private final Target target;
    private final Target.Events events;
    private final WsClient ws;
    private final InetAddress[] sources;
    private final Semaphore inFlight;
    private final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    private volatile CountDownLatch settling = new CountDownLatch(0);
    private volatile String lastFailure = "";
    /** Called after the current connection of a client closed or failed to open (the fault suite reconnects). */
    volatile java.util.function.Consumer<BenchClient> onDrop;

    Fleet(Population pop, Target target, Target.Events events, int threads, int concurrency, int sourceIps) {
        this.pop = pop;
        this.target = target;
        this.events = events;
        this.ws = new WsClient(threads);
        this.inFlight = new Semaphore(concurrency);
        this.sources = sourceAddresses(sourceIps > 0 ? sourceIps : (pop.clients.size() + PER_SOURCE - 1) / PER_SOURCE);
    }

    /** {@code n} loopback source addresses 127.0.0.1..n, or none for n ≤ 1 (the kernel picks). */
    static InetAddress[] sourceAddresses(int n) {
        if (n <= 1) {
            return new InetAddress[0];
        }
        InetAddress[] a = new InetAddress[n];
        try {
            for (int i = 0; i < n; i++) {
                a[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i)});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return a;
    }

    /** Connects every client; returns how many became ready before the timeout. */
    int connectAll(long timeoutNanos) throws InterruptedException {
        settling = new CountDownLatch(pop.clients.size());
        long deadline = System.nanoTime() + timeoutNanos;
        for (BenchClient c : pop.clients) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            connect(c);
        }
        settling.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (connectFailures.get() > 0) {
            System.out.println("  " + connectFailures.get() + " connections failed; last: " + lastFailure);
        }
        return ready.get();
    }

    /** Opens (or reopens) one client's connection. */
    void connect(BenchClient c) {
        InetAddress source = sources.length == 0 || !isLoopback(target.uri(c).getHost()) ? null : sources[c.index % sources.length];
        c.conn = null;
        c.conn = ws.connect(target.uri(c), source, target.upgradeHeaders(c), this, c);
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.");
    }

    int ready() {
        return ready.get();
    }

    /** Called by the run when a target reports a client ready. */
    void markReady(BenchClient c, long nanos) {
        if (c.readySince == Long.MAX_VALUE) {
            c.readySince = nanos;
            ready.incrementAndGet();
        }
        if (c.firstReady == Long.MAX_VALUE) {
            c.firstReady = nanos;
        }
        settle(c);
    }

    private void settle(BenchClient c) {
        if (c.settled.compareAndSet(false, true)) {
            inFlight.release();
            settling.countDown();
        }
    }

    @Override
    public void onOpen(WsConnection conn) {
        BenchClient c = conn.attachment();
        c.conn = conn;
        target.opened(c, events);
    }

    @Override
    public void onMessage(WsConnection conn, byte[] data, int off, int len, boolean text, long recvNanos) {
        BenchClient c = conn.attachment();
        target.frame(c, data, off, len, text, recvNanos, events);
    }

    @Override
    public void onClose(WsConnection conn, int code, String reason) {
        BenchClient c = conn.attachment();
        if (c.conn != null && c.conn != conn) {
            return; // an earlier connection of a client that has reconnected
        }
        if (c.readySince != Long.MAX_VALUE) {
            c.readySince = Long.MAX_VALUE;
            ready.decrementAndGet();
            c.drops++;
            drops.incrementAndGet();
        } else if (!c.settled.get()) {
            connectFailures.incrementAndGet();
            lastFailure = "client " + c.index + ": " + code + " " + reason;
        }
        settle(c);
        java.util.function.Consumer<BenchClient> hook = onDrop;
        if (hook != null) {
            hook.accept(c);
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
