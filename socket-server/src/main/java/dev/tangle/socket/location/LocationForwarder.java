package dev.tangle.socket.location;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.tangle.common.contract.GeoContract;
import dev.tangle.common.contract.ws.ClientFrame;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.nats.service.NatsServiceClient;
import dev.tangle.socket.fanout.ChatClient;
import dev.tangle.socket.frames.FrameException;
import dev.tangle.socket.frames.Frames;
import dev.tangle.socket.session.Session;

/**
 * Forwards the {@code location} frames of every session on this instance to geo-service together: one
 * {@link GeoContract#LOCATIONS} request per batch — the frames that came within {@link #LINGER} of the first,
 * at most {@link #MAX_BATCH} — instead of a request and a reply per frame (docs/adr/0145). Each frame still
 * gets its own answer: an ack when it has an id, an error frame when geo-service refused it (its field error) or
 * did not answer. A batch that cannot be handed to NATS (its outgoing queue is full) is answered
 * {@code unavailable}, like a refused one; the sockets stay open. Waiting frames are bounded: beyond
 * {@link #MAX_WAITING} a frame is answered {@code unavailable} at once.
 */
public final class LocationForwarder implements AutoCloseable {

    static final int MAX_BATCH = 512;
    static final int MAX_WAITING = 64 * MAX_BATCH;
    static final Duration LINGER = Duration.ofMillis(2);

    private record Pending(Session session, String frameId, GeoContract.LocationUpdate update) {
    }

    private final NatsServiceClient geo;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private List<Pending> waiting = new ArrayList<>();
    private final Thread sender;
    private volatile boolean closed;

    public LocationForwarder(NatsServiceClient geo) {
        this.geo = geo;
        // a platform thread: the pump of every sharer's updates must not queue behind thousands of socket readers
        // for a carrier (a virtual sender fell 8,192 frames behind under load)
        this.sender = Thread.ofPlatform().daemon().name("location-forwarder").start(this::sendLoop);
    }

    /** Queues the session's frame for the next batch. */
    public void forward(Session session, ClientFrame.Location frame) {
        var update = new GeoContract.LocationUpdate(session.userId().toString(), frame.lat(), frame.lon(),
                frame.accuracyM(), frame.batteryPct(), frame.at());
        lock.lock();
        try {
            if (waiting.size() < MAX_WAITING && !closed) {
                waiting.add(new Pending(session, frame.id(), update));
                if (waiting.size() == 1 || waiting.size() == MAX_BATCH) {
                    arrived.signal();
                }
                return;
            }
        } finally {
            lock.unlock();
        }
        session.enqueue(Frames.error(frame.id(), FrameException.of(busy())));
    }

    private void sendLoop() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (waiting.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    arrived.awaitUninterruptibly();
                }
                long rest = LINGER.toNanos();
                while (waiting.size() < MAX_BATCH && rest > 0 && !closed) {
                    rest = arrived.awaitNanos(rest);
                }
                batch = waiting;
                waiting = new ArrayList<>();
            } catch (InterruptedException e) {
                batch = waiting;
                waiting = new ArrayList<>();
                closed = true;
            } finally {
                lock.unlock();
            }
            for (int from = 0; from < batch.size(); from += MAX_BATCH) {
                send(batch.subList(from, Math.min(batch.size(), from + MAX_BATCH)));
            }
        }
    }

    private void send(List<Pending> batch) {
        List<GeoContract.LocationUpdate> updates = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            updates.add(p.update());
        }
        CompletableFuture<GeoContract.BatchResults> reply;
        try {
            reply = geo.request(GeoContract.LOCATIONS, new GeoContract.LocationBatch(updates));
        } catch (RuntimeException e) { // not handed to NATS (outgoing queue full, closed)
            reply = CompletableFuture.failedFuture(busy());
        }
        reply.whenComplete((results, failure) -> answer(batch, results, failure));
    }

    private static void answer(List<Pending> batch, GeoContract.BatchResults reply, Throwable failure) {
        List<GeoContract.Result> results = reply == null || reply.results() == null ? List.of() : reply.results();
        ApiException whole = failure != null ? ChatClient.frameFailure(failure)
                : results.size() != batch.size() ? failed() : null;
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            ApiException refused = whole != null ? whole : refusal(results.get(i));
            if (refused != null) {
                p.session().enqueue(Frames.error(p.frameId(), FrameException.of(refused)));
            } else if (p.frameId() != null) {
                p.session().enqueue(Frames.ack(p.frameId(), null));
            }
        }
    }

    /** The failure geo-service answered one update with, or null when it took it. */
    private static ApiException refusal(GeoContract.Result result) {
        if (result == null) {
            return failed();
        }
        if (result.error() == null || result.error().isNull()) { // JSON null is read as a NullNode
            return null;
        }
        ApiException known = Problems.fromDocument(result.error(), 400, null, Map.of());
        return known != null ? known : failed();
    }

    private static ApiException failed() {
        return Problems.internal("The location update failed");
    }

    private static ApiException busy() {
        return Problems.unavailable("Location updates cannot be forwarded right now; try again");
    }

    /** Sends what waits, then stops. */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
