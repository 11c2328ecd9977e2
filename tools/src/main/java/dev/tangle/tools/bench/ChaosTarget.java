package dev.tangle.tools.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tangle under faults: {@link TangleTarget} spread over every socket-server instance (client i starts on instance
 * i mod n and moves to the next one each time it reconnects), always resuming on connect, and remembering every
 * seq each client received so that gaps and duplicates are counted by seq, not only by the bench's payload ids.
 */
final class ChaosTarget implements Target {

    private static final byte[] TYPE = Scan.stringKey("type");
    private static final byte[] SEQ = Scan.key("seq");
    private static final byte[] CREATED = "\"event\":\"created\"".getBytes(StandardCharsets.US_ASCII);

    final TangleTarget tangle;
    private final List<URI> endpoints;
    private BitSet[] seqs = new BitSet[0];
    private AtomicIntegerArray attempts = new AtomicIntegerArray(0);
    private AtomicLongArray lastFrame = new AtomicLongArray(0);
    final LongAdder seqDuplicates = new LongAdder();
    /** Reconnects whose client had a hole below its highest seq (it resumed from below the hole). */
    final LongAdder holesAtResume = new LongAdder();
    /** Told of every send before it is written (the fault suite remembers the sender's drop count). */
    volatile java.util.function.ObjIntConsumer<BenchClient> onSend;

    private final Map<String, Long> pids;

    ChaosTarget(TangleTarget tangle, List<URI> endpoints, Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        this.tangle = tangle;
        this.endpoints = List.copyOf(endpoints);
        tangle.resumeOnConnect = true;
    }

    @Override
    public String name() {
        return "tangle-cluster";
    }

    @Override
    public void prepare(Population pop) throws Exception {
        tangle.prepare(pop);
        seqs = new BitSet[pop.clients.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = new BitSet();
        }
        attempts = new AtomicIntegerArray(pop.clients.size());
        lastFrame = new AtomicLongArray(pop.clients.size());
    }

    /** The next socket-server for this client: each connection attempt moves one instance on. */
    @Override
    public URI uri(BenchClient c) {
        int attempt = attempts.getAndIncrement(c.index);
        URI endpoint = endpoints.get((c.index + attempt) % endpoints.size());
        TangleTarget.Session s = c.session();
        lastFrame.set(c.index, System.nanoTime());
        return URI.create(endpoint + "?access_token=" + URLEncoder.encode(s.user.accessToken(), StandardCharsets.UTF_8));
    }

    @Override
    public void opened(BenchClient c, Events events) {
        lastFrame.set(c.index, System.nanoTime());
        tangle.opened(c, events);
    }

    @Override
    public void frame(BenchClient c, byte[] d, int off, int len, boolean text, long recvNanos, Events events) {
        lastFrame.set(c.index, recvNanos);
        String type = Scan.stringField(d, off, len, TYPE);
        if ("hello".equals(type)) {
            // resume from the highest seq below which nothing is missing: a session may have delivered a later seq
            // before an earlier one (gap fill, ADR 0045), and a cursor past a hole would skip it for good
            BitSet seen = seqs[c.index];
            TangleTarget.Session s = c.session();
            synchronized (seen) {
                long contiguous = seen.isEmpty() ? s.lastSeq : seen.nextClearBit(1) - 1;
                if (contiguous < s.lastSeq) {
                    holesAtResume.increment();
                    s.lastSeq = contiguous;
                }
            }
        }
        if ("message".equals(type) && Scan.indexOf(d, off, off + len, CREATED) >= 0) {
            long seq = Scan.longField(d, off, len, SEQ);
            if (seq > 0 && seq < Integer.MAX_VALUE) {
                BitSet seen = seqs[c.index];
                synchronized (seen) {
                    if (seen.get((int) seq)) {
                        seqDuplicates.increment();
                    }
                    seen.set((int) seq);
                }
            }
        }
        tangle.frame(c, d, off, len, text, recvNanos, events);
    }

    /** Nanos since anything arrived on this client's connection (or since it started connecting). */
    long silentNanos(BenchClient c, long now) {
        return now - lastFrame.get(c.index);
    }

    /**
     * Seqs of its conversation a client never received although a member of the same conversation did (every member
     * receives every message, its own included, so the highest seq any member saw bounds what each must have).
     */
    long gaps(Population pop, BenchClient c) {
        int high = 0;
        for (int p = 0; p < pop.sizeOf(c.group); p++) {
            BitSet other = seqs[pop.member(c.group, p).index];
            synchronized (other) {
                high = Math.max(high, other.length() - 1);
            }
        }
        BitSet seen = seqs[c.index];
        synchronized (seen) {
            return high <= 0 ? 0 : high - seen.get(1, high + 1).cardinality();
        }
    }

    @Override
    public boolean send(BenchClient c, int msg, String payload) {
        java.util.function.ObjIntConsumer<BenchClient> hook = onSend;
        if (hook != null) {
            hook.accept(c, msg);
        }
        return c.conn != null && tangle.send(c, msg, payload);
    }

    boolean ping(BenchClient c) {
        return tangle.sendRaw(c, "{\"type\":\"ping\",\"id\":\"hb\"}");
    }

    @Override
    public Map<String, Long> serverPids() {
        return pids;
    }

    @Override
    public void close() {
        tangle.close();
    }
}
