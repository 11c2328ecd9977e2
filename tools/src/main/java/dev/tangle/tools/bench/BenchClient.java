package dev.tangle.tools.bench;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.tangle.tools.bench.ws.WsConnection;

/** One simulated user: its place in a group, its connection, and when it was up (for the expected deliveries). */
final class BenchClient {

    final int index;
    final int group;
    final int position;
    volatile WsConnection conn;
    /** When the current connection became ready, or {@link Long#MAX_VALUE} while down. */
    volatile long readySince = Long.MAX_VALUE;
    /** When the first connection became ready. */
    volatile long firstReady = Long.MAX_VALUE;
    volatile int drops;
    /** Per-target state (auth token, parser buffers, pending acks). */
    volatile Object session;
    /** Set once the first connection attempt is over (ready or failed). */
    final AtomicBoolean settled = new AtomicBoolean();

    BenchClient(int index, int group, int position) {
        this.index = index;
        this.group = group;
        this.position = position;
    }

    boolean isReady() {
        return readySince != Long.MAX_VALUE;
    }

    @SuppressWarnings("unchecked")
    <T> T session() {
        return (T) session;
    }
}
