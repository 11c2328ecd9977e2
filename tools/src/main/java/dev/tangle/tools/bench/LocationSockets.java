package dev.tangle.tools.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.tangle.common.time.UtcInstants;
import dev.tangle.tools.bench.TangleSetup.User;
import dev.tangle.tools.bench.ws.WsClient;
import dev.tangle.tools.bench.ws.WsConnection;
import dev.tangle.tools.bench.ws.WsListener;
import org.HdrHistogram.Histogram;

/**
 * The location bench's WebSockets: opened with bounded concurrency (a slot is freed by the server's
 * {@code hello} or a failure), bound round-robin to 127.0.0.x source addresses when asked or when one address has
 * too few ephemeral ports, and the receive path — which scans bytes, never builds a string or a tree per frame.
 * Latency is the receive time minus the frame's {@code at} (the update's intended send time), both on one clock:
 * the wall time taken once at start plus {@link System#nanoTime()} since.
 */
final class LocationSockets implements WsListener, AutoCloseable {

    private static final byte[] TYPE = Scan.stringKey("type");
    private static final byte[] KIND = Scan.stringKey("kind");
    private static final byte[] AT = Scan.stringKey("at");
    private static final byte[] CODE = Scan.stringKey("code");

    private final WsClient ws;
    private final InetAddress[] sources;
    private final Semaphore inFlight;
    private final long epochMicros = Instant.now().toEpochMilli() * 1000;
    private final long originNanos = System.nanoTime();
    final Histogram pushes = new Histogram(3_600_000_000L, 3);
    final Histogram alerts = new Histogram(3_600_000_000L, 3);
    final AtomicLong pushCount = new AtomicLong();
    final AtomicLong alertCount = new AtomicLong();
    final AtomicInteger ready = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
    volatile boolean measuring;

    /** One socket's state (the connection's attachment). */
    static final class Peer {
        final AtomicBoolean settled = new AtomicBoolean();
        volatile WsConnection conn;
    }

    LocationSockets(int threads, int concurrency, int sourceIps, int connections) {
        this.ws = new WsClient(threads);
        this.inFlight = new Semaphore(concurrency);
        int n = sourceIps > 0 ? sourceIps : (connections + Fleet.PER_SOURCE - 1) / Fleet.PER_SOURCE;
        this.sources = new InetAddress[n <= 1 ? 0 : n];
        try {
            for (int i = 0; i < sources.length; i++) {
                sources[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i)});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The intended time of a send due at {@code dueNanos}, as the ISO instant the frame carries. */
    Instant instantOf(long dueNanos) {
        long micros = epochMicros + (dueNanos - originNanos) / 1000;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000);
    }

    /** Opens a socket per user, at most {@code concurrency} at once; returns them in order (null: not opened). */
    Peer[] connectAll(URI endpoint, List<User> users, long timeoutNanos) throws InterruptedException {
        Peer[] peers = new Peer[users.size()];
        long deadline = System.nanoTime() + timeoutNanos;
        boolean loopback = endpoint.getHost().equals("localhost") || endpoint.getHost().startsWith("127.");
        for (int i = 0; i < users.size(); i++) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            Peer p = new Peer();
            peers[i] = p;
            InetAddress source = sources.length == 0 || !loopback ? null : sources[i % sources.length];
            URI uri = URI.create(endpoint + "?access_token=" + URLEncoder.encode(users.get(i).accessToken(), StandardCharsets.UTF_8));
            ws.connect(uri, source, null, this, p);
        }
        // wait for the last ones to settle
        int all = Math.min(users.size(), (int) java.util.Arrays.stream(peers).filter(p -> p != null).count());
        while (ready.get() + failed.get() < all && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return peers;
    }

    @Override
    public void onOpen(WsConnection conn) {
        Peer p = conn.attachment();
        p.conn = conn;
    }

    @Override
    public void onMessage(WsConnection conn, byte[] d, int off, int len, boolean text, long recvNanos) {
        Peer p = conn.attachment();
        if (len < 12 || d[off] != '{') {
            return;
        }
        // the type is the first key of every server frame: compare in place
        if (startsWith(d, off, len, LOCATION)) {
            record(d, off, len, recvNanos, pushes, pushCount);
        } else if (startsWith(d, off, len, NOTIFICATION)) {
            String kind = Scan.stringField(d, off, len, KIND);
            if (kind != null && (kind.equals("place.arrived") || kind.equals("place.left"))) {
                record(d, off, len, recvNanos, alerts, alertCount);
            }
        } else if (startsWith(d, off, len, HELLO)) {
            if (p.settled.compareAndSet(false, true)) {
                ready.incrementAndGet();
                inFlight.release();
            }
        } else if (startsWith(d, off, len, ERROR)) {
            String code = Scan.stringField(d, off, len, CODE);
            errors.computeIfAbsent(code == null ? "?" : code, c -> new LongAdder()).increment();
        }
    }

    private static final byte[] LOCATION = "{\"type\":\"location\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOTIFICATION = "{\"type\":\"notification\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HELLO = "{\"type\":\"hello\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = "{\"type\":\"error\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] d, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (d[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void record(byte[] d, int off, int len, long recvNanos, Histogram into, AtomicLong count) {
        if (!measuring) {
            return;
        }
        String at = Scan.stringField(d, off, len, AT);
        if (at == null) {
            return;
        }
        long sentMicros = UtcInstants.epochMicros(at);
        if (sentMicros == Long.MIN_VALUE) {
            return;
        }
        long recvMicros = epochMicros + (recvNanos - originNanos) / 1000;
        synchronized (into) {
            into.recordValue(Math.max(0, Math.min(recvMicros - sentMicros, 3_600_000_000L)));
        }
        count.incrementAndGet();
    }

    @Override
    public void onClose(WsConnection conn, int code, String reason) {
        Peer p = conn.attachment();
        if (p.settled.compareAndSet(false, true)) {
            failed.incrementAndGet();
            inFlight.release();
        } else {
            dropped.incrementAndGet();
        }
        closeCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    @Override
    public void close() {
        ws.close();
    }
}
