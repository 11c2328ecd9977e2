package dev.tangle.geo.place;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.tangle.common.db.Database;
import dev.tangle.common.event.Event;
import dev.tangle.common.json.Json;
import dev.tangle.common.outbox.OutboxPublisher;
import dev.tangle.common.outbox.OutboxRelay;

/**
 * Group commit of place-presence transitions (docs/adr/0137): every compare-and-set queued meanwhile, by any
 * sharer, is applied in one transaction together with the outbox rows of the transitions that took, so an
 * arrival or departure is durable — committed with its notifications — before it is announced, and a burst of
 * crossings costs one commit instead of one each. Each transition's future completes after the commit with whether
 * its compare-and-set took; a failed transaction fails every future of the batch (their sharers' state is left
 * as it was, so their next update tries again).
 *
 * <p>The batch's events are published by the writer right after the commit (docs/adr/0153, as chat sends do,
 * ADR 0125): their rows are written with {@code relay_after} a grace ahead, the writer takes its place in the
 * publisher's order while the transaction still holds its rows' locks, and the relay publishes only what JetStream
 * did not acknowledge within the grace. Each event carries its id as {@code Nats-Msg-Id}, so a row published by
 * both is stored once by the stream.
 */
final class PresenceWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PresenceWriter.class.getName());
    private static final int MAX_BATCH = 500;

    /**
     * One compare-and-set and, when it takes, the events to write with it.
     *
     * @param change the compare-and-set
     * @param events what to add to the outbox when it took (may be empty)
     */
    record Transition(PlaceRepository.Change change, List<Event> events, CompletableFuture<Boolean> done) {
        Transition(PlaceRepository.Change change, List<Event> events) {
            this(change, events, new CompletableFuture<>());
        }

        Object row() {
            return List.of(change.placeId(), change.userId(), change.basis());
        }
    }

    private final Database db;
    private final PlaceRepository repository;
    private final OutboxRelay relay;
    private final LinkedBlockingQueue<Transition> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    PresenceWriter(Database db, PlaceRepository repository, OutboxRelay relay, int writerThreads) {
        this.db = db;
        this.repository = repository;
        this.relay = relay;
        for (int i = 0; i < writerThreads; i++) {
            writers.add(Thread.ofVirtual().name("presence-writer-" + i).start(this::writeLoop));
        }
    }

    /** Queues the transitions; the futures complete after their batch committed. */
    void submit(List<Transition> transitions) {
        if (closed) {
            transitions.forEach(t -> t.done().completeExceptionally(new IllegalStateException("Shutting down")));
            return;
        }
        queue.addAll(transitions);
    }

    private void writeLoop() {
        List<Transition> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Transition first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes the batch: one compare-and-set statement per set of distinct rows (a row twice waits for the next). */
    private void write(List<Transition> batch) {
        List<Transition> distinct = new ArrayList<>(batch.size());
        List<Transition> again = new ArrayList<>();
        Set<Object> rows = new HashSet<>();
        for (Transition t : batch) {
            (rows.add(t.row()) ? distinct : again).add(t);
        }
        commit(distinct);
        if (!again.isEmpty()) {
            write(again);
        }
    }

    private void commit(List<Transition> batch) {
        boolean[] took;
        List<OutboxPublisher.Committed> committed = new ArrayList<>();
        OutboxPublisher.Slot[] slot = new OutboxPublisher.Slot[1];
        try {
            took = db.inTransaction(tx -> {
                boolean[] changed = repository.apply(tx, batch.stream().map(Transition::change).toList());
                committed.clear();
                for (int i = 0; i < batch.size(); i++) {
                    if (changed[i]) {
                        batch.get(i).events().forEach(e -> committed.add(committed(e)));
                    }
                }
                if (!committed.isEmpty()) {
                    repository.addDirectOutbox(tx, committed);
                    if (slot[0] == null) {
                        slot[0] = relay.publisher().reserve(); // before COMMIT: the rows' locks order the slots
                    }
                }
                return changed;
            });
        } catch (RuntimeException e) {
            if (slot[0] != null) {
                slot[0].cancel(); // not committed, or unknown: then the relay publishes it after the grace
            }
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " place transitions failed: " + e.getMessage());
            batch.forEach(t -> t.done().completeExceptionally(e));
            return;
        }
        if (slot[0] != null) {
            slot[0].publish(committed);
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(took[i]);
        }
    }

    private static OutboxPublisher.Committed committed(Event event) {
        return new OutboxPublisher.Committed(UUID.fromString(event.id()), event.natsSubject(), Json.write(event));
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : writers) {
            try {
                w.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Transition t;
        while ((t = queue.poll()) != null) {
            t.done().completeExceptionally(new IllegalStateException("Shutting down"));
        }
    }
}
