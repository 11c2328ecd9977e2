package dev.tangle.geo.location;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

/**
 * The {@code tangle_location} KV bucket (file storage, TTL 24 h, one revision per key): the last known location of
 * each sharer, shared by every instance and kept across restarts (docs/adr/0090). Written behind (docs/adr/0136):
 * {@link #put} only records the newest value of the sharer; one writer publishes every sharer's newest value at
 * most once per {@code flushEvery}, asynchronously, and waits for the batch's acknowledgements before the next.
 * A sharer's value is written at most once per {@code storeEvery} (docs/adr/0152): a newer value waits for the
 * sharer's next turn, so a sharer updating every second costs one bucket write per {@code storeEvery}.
 * Until its write is acknowledged a value is served from memory, so this instance reads its own writes; a value
 * that could not be stored is written again with the next batch unless a newer one came. {@link #close} writes
 * what is left.
 */
public final class LocationStore implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocationStore.class.getName());
    private static final String SUBJECT_PREFIX = "$KV." + Streams.LOCATION_BUCKET + ".";
    private static final Duration ACK_WAIT = Duration.ofSeconds(5);
    /** Writes in flight at once. */
    private static final int WINDOW = 256;

    private final KeyValue kv;
    private final JetStream js;
    private final long flushNanos;
    private final long storeEveryNanos;
    /** when each sharer's value was last sent (to space a sharer's writes by {@code storeEvery}) */
    private final ConcurrentHashMap<UUID, Long> sentAt = new ConcurrentHashMap<>();
    private long lastPrune = System.nanoTime();
    /** newest value per sharer not yet acknowledged by the bucket */
    private final ConcurrentHashMap<UUID, LastLocation> unstored = new ConcurrentHashMap<>();
    /** sharers whose newest value is not yet sent */
    private final ConcurrentHashMap<UUID, Boolean> dirty = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile long failures;

    public LocationStore(Connection nats, Duration storeEvery) {
        this(nats, Duration.ofMillis(50), storeEvery);
    }

    public LocationStore(Connection nats, Duration flushEvery, Duration storeEvery) {
        this.kv = Streams.bucket(nats, Streams.LOCATION_BUCKET);
        try {
            this.js = nats.jetStream();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open JetStream", e);
        }
        this.storeEveryNanos = storeEvery.toNanos();
        // each flush looks at every dirty sharer: with writes spaced by storeEvery, 20 looks per turn are enough
        // (a scan every 50 ms was as costly as the writes it saved, JFR, docs/benchmarks.md session 6)
        this.flushNanos = Math.max(flushEvery.toNanos(), storeEveryNanos / 20);
        this.writer = Thread.ofPlatform().daemon().name("location-store").start(this::writeLoop);
    }

    /**
     * Records the sharer's newest location; stored within the flush interval (plus the bucket's ack), or, when the
     * sharer's previous value was sent less than {@code storeEvery} ago, once that much time has passed.
     */
    public void put(UUID userId, LastLocation location) {
        unstored.put(userId, location);
        dirty.put(userId, Boolean.TRUE);
    }

    public Optional<LastLocation> get(UUID userId) {
        LastLocation mine = unstored.get(userId);
        if (mine != null) {
            return Optional.of(mine);
        }
        try {
            KeyValueEntry entry = kv.get(userId.toString());
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(Json.read(entry.getValue(), LastLocation.class));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the last location of " + userId + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Values written but not yet acknowledged (a gauge). */
    public int unstoredCount() {
        return unstored.size();
    }

    private void writeLoop() {
        while (!closed) {
            long started = System.nanoTime();
            flush(false);
            long rest = flushNanos - (System.nanoTime() - started);
            if (rest > 0) {
                LockSupport.parkNanos(rest);
            }
        }
    }

    /**
     * Sends the newest value of every dirty sharer whose turn it is ({@code all}: of every dirty sharer),
     * {@value #WINDOW} at a time (so the connection's outgoing queue never fills with them), and waits for the
     * acknowledgements.
     */
    private void flush(boolean all) {
        List<Map.Entry<UUID, LastLocation>> sent = new ArrayList<>(WINDOW);
        List<CompletableFuture<?>> acks = new ArrayList<>(WINDOW);
        long now = System.nanoTime();
        pruneSentAt(now);
        for (UUID user : dirty.keySet()) {
            Long previous = sentAt.get(user);
            if (!all && previous != null && now - previous < storeEveryNanos) {
                continue; // its turn comes storeEvery after its last write
            }
            dirty.remove(user);
            sentAt.put(user, now);
            LastLocation value = unstored.get(user);
            if (value == null) {
                continue;
            }
            try {
                acks.add(js.publishAsync(SUBJECT_PREFIX + user, Json.write(value)));
                sent.add(Map.entry(user, value));
            } catch (RuntimeException e) {
                dirty.put(user, Boolean.TRUE);
                sentAt.remove(user);
                noteFailure(e);
                break;
            }
            if (acks.size() == WINDOW && !awaitAcks(sent, acks)) {
                return;
            }
        }
        awaitAcks(sent, acks);
    }

    /** Forgets the write times older than {@code storeEvery} (those sharers may be written at once), every minute. */
    private void pruneSentAt(long now) {
        if (now - lastPrune > TimeUnit.MINUTES.toNanos(1)) {
            lastPrune = now;
            sentAt.values().removeIf(t -> now - t >= storeEveryNanos);
        }
    }

    /** Waits for the window's acknowledgements; false when interrupted. */
    private boolean awaitAcks(List<Map.Entry<UUID, LastLocation>> sent, List<CompletableFuture<?>> acks) {
        try {
            for (int i = 0; i < acks.size(); i++) {
                Map.Entry<UUID, LastLocation> e = sent.get(i);
                try {
                    acks.get(i).get(ACK_WAIT.toNanos(), TimeUnit.NANOSECONDS);
                    unstored.remove(e.getKey(), e.getValue());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception ex) {
                    if (unstored.get(e.getKey()) == e.getValue()) {
                        dirty.put(e.getKey(), Boolean.TRUE); // not stored and nothing newer: again with the next batch
                        sentAt.remove(e.getKey());
                    }
                    noteFailure(ex);
                }
            }
            return true;
        } finally {
            sent.clear();
            acks.clear();
        }
    }

    private void noteFailure(Exception e) {
        if (failures++ % 1000 == 0) {
            LOG.log(Level.WARNING, "Cannot store last locations (" + failures + " failures so far): " + e.getMessage());
        }
    }

    /** Writes what is left, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(ACK_WAIT.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush(true);
    }
}
