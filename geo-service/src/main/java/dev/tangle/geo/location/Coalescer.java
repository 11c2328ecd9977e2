package dev.tangle.geo.location;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * At most one processed update per sharer per interval on this instance, on average: a generic cell rate
 * algorithm with a tolerance of half an interval, so a client sending at exactly the allowed rate is not delayed
 * by network jitter. Every sharer has one slot: the update waiting to be processed. An update that comes while
 * one waits replaces it (the newest wins, by device time), so a fast or misbehaving client costs one slot, never a
 * queue. Processing runs on {@code workers}, never on the caller's thread, and at most one update of a sharer is
 * processed at a time, in device-time order (docs/adr/0135). With a zero interval every update is processed at
 * once on the caller's thread.
 */
public final class Coalescer {

    /** What became of an offered update. */
    public enum Outcome {
        /** handed to a worker now */
        PROCESSING,
        /** waits in the sharer's slot for its turn */
        PENDING,
        /** waits in the slot and replaced an older waiting update (that one is coalesced away) */
        REPLACED,
        /** older than the newest known update of the sharer: dropped */
        DROPPED;

        /** Whether the update was not processed at once (the reply socket-server gets). */
        public boolean coalesced() {
            return this != PROCESSING;
        }
    }

    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final BiConsumer<UUID, Fix> processor;
    private final ConcurrentHashMap<UUID, Slot> slots = new ConcurrentHashMap<>();

    public Coalescer(Duration interval, ScheduledExecutorService timer, BiConsumer<UUID, Fix> processor) {
        this.intervalNanos = interval.toNanos();
        this.timer = timer;
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("location-", 0).factory());
        this.processor = processor;
    }

    private static final class Slot {
        /** Theoretical arrival time of the next update (GCRA); processing is allowed from tat - tolerance. */
        long tat;
        boolean started;
        Fix pending;
        /** a worker or the timer will take {@code pending} */
        boolean dispatched;
        /** an update of this sharer is being processed */
        boolean running;
        Instant lastAt;
        long lastTouched;
    }

    public Outcome offer(UUID user, Fix fix) {
        if (intervalNanos == 0) {
            processor.accept(user, fix);
            return Outcome.PROCESSING;
        }
        long now = System.nanoTime();
        Slot slot = slots.computeIfAbsent(user, u -> new Slot());
        synchronized (slot) {
            slot.lastTouched = now;
            if (slot.lastAt != null && fix.at().isBefore(slot.lastAt)) {
                return Outcome.DROPPED;
            }
            if (slot.pending != null) {
                if (fix.at().isBefore(slot.pending.at())) {
                    return Outcome.DROPPED;
                }
                slot.pending = fix;
                return Outcome.REPLACED;
            }
            slot.pending = fix;
            if (slot.running || slot.dispatched) {
                return Outcome.PENDING;
            }
            return dispatch(user, slot, now) ? Outcome.PROCESSING : Outcome.PENDING;
        }
    }

    /** Hands the slot's pending update to a worker now or when the rate allows; true when now. Holds the slot's lock. */
    private boolean dispatch(UUID user, Slot slot, long now) {
        slot.dispatched = true;
        long allowedFrom = slot.tat - intervalNanos / 2;
        if (!slot.started || now - allowedFrom >= 0) {
            workers.execute(() -> run(user, slot));
            return true;
        }
        timer.schedule(() -> workers.execute(() -> run(user, slot)), allowedFrom - now, TimeUnit.NANOSECONDS);
        return false;
    }

    private void run(UUID user, Slot slot) {
        Fix fix;
        synchronized (slot) {
            fix = slot.pending;
            slot.pending = null;
            slot.dispatched = false;
            if (fix == null) {
                return;
            }
            long now = System.nanoTime();
            slot.tat = (slot.started ? Math.max(slot.tat, now) : now) + intervalNanos;
            slot.started = true;
            slot.lastAt = fix.at();
            slot.running = true;
        }
        try {
            processor.accept(user, fix);
        } catch (RuntimeException e) {
            // the processor logged it; the next update of the sharer is processed as usual
        } finally {
            synchronized (slot) {
                slot.running = false;
                if (slot.pending != null && !slot.dispatched) {
                    dispatch(user, slot, System.nanoTime());
                }
            }
        }
    }

    /** Forgets sharers idle for a minute (their slot holds nothing). */
    public void prune() {
        long cutoff = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
        slots.entrySet().removeIf(e -> {
            Slot s = e.getValue();
            synchronized (s) {
                return s.pending == null && !s.dispatched && !s.running && s.tat - cutoff < 0 && s.lastTouched - cutoff < 0;
            }
        });
    }

    public int slots() {
        return slots.size();
    }
}
