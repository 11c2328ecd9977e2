package dev.tangle.common.outbox;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;

/**
 * Publishes committed outbox rows straight from the writer, without reading them back: the writer takes a
 * {@link Slot} while its transaction still holds its locks (so two transactions of one conversation take their slots
 * in commit order), fills it with the events after the commit, and slots are published strictly in the order they
 * were taken. Each JetStream acknowledgement is reported to {@code confirmed} (the relay deletes those rows); a row
 * whose publication fails or is never acknowledged stays in the table and the relay publishes it once its
 * {@code relay_after} has passed (docs/adr/0125).
 */
public final class OutboxPublisher {

    private static final System.Logger LOG = System.getLogger(OutboxPublisher.class.getName());

    private final JetStream jetStream;
    private final Consumer<UUID> confirmed;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Slot> order = new ArrayDeque<>();

    /**
     * An event as committed: its id (also the {@code Nats-Msg-Id}), its NATS subject and its exact payload.
     *
     * @param id      event id
     * @param subject NATS subject
     * @param payload the bytes the outbox row holds
     */
    public record Committed(UUID id, String subject, byte[] payload) {
    }

    OutboxPublisher(JetStream jetStream, Consumer<UUID> confirmed) {
        this.jetStream = jetStream;
        this.confirmed = confirmed;
    }

    /** A place in the publish order; take it before the commit and always end it with publish or cancel. */
    public Slot reserve() {
        Slot slot = new Slot();
        lock.lock();
        try {
            order.addLast(slot);
        } finally {
            lock.unlock();
        }
        return slot;
    }

    /** One transaction's place in the publish order. */
    public final class Slot {
        private List<Committed> events;
        private boolean done;

        private Slot() {
        }

        /** The transaction committed these events: publish them in turn. */
        public void publish(List<Committed> committed) {
            end(committed);
        }

        /** The transaction did not commit (or its outcome is unknown; then the relay publishes what committed). */
        public void cancel() {
            end(null);
        }

        private void end(List<Committed> committed) {
            lock.lock();
            try {
                if (done) {
                    return;
                }
                events = committed;
                done = true;
                drain();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Publishes every ended slot at the head of the order (lock held). */
    private void drain() {
        while (!order.isEmpty() && order.peekFirst().done) {
            Slot slot = order.pollFirst();
            if (slot.events != null) {
                slot.events.forEach(this::publish);
            }
        }
    }

    private void publish(Committed event) {
        try {
            jetStream.publishAsync(event.subject(), new Headers(), event.payload(),
                            PublishOptions.builder().messageId(event.id().toString()).build())
                    .whenComplete((ack, failure) -> {
                        if (failure == null) {
                            confirmed.accept(event.id());
                        }
                    });
        } catch (RuntimeException e) {
            // NATS away: the row stays and the relay publishes it after its relay_after
            LOG.log(Level.DEBUG, "Direct publish of " + event.id() + " failed: " + e.getMessage());
        }
    }
}
