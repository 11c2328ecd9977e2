package dev.tangle.geo.location;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * At most one processed update per sharer per interval on this instance, on average: a generic cell rate
 * algorithm with a tolerance of half an interval, so a client sending at exactly the allowed rate is not delayed
 * by network jitter. An update that comes sooner replaces the sharer's one pending slot (the newest wins, by
 * device time) and is processed when it is allowed, so a fast or misbehaving client costs one slot, never a queue.
 */
public final class Coalescer {

    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final BiConsumer<UUID, Fix> processor;
    private final ConcurrentHashMap<UUID, Slot> slots = new ConcurrentHashMap<>();

    public Coalescer(Duration interval, ScheduledExecutorService timer, BiConsumer<UUID, Fix> processor) {
        this.intervalNanos = interval.toNanos();
        this.timer = timer;
        this.processor = processor;
    }

    private static final class Slot {
        /** Theoretical arrival time of the next update (GCRA); processing is allowed from tat - tolerance. */
        long tat;
        boolean started;
        Fix pending;
        boolean scheduled;
        java.time.Instant lastAt;
    }

    /** Returns true when the update was coalesced (kept for later, or dropped as older than the newest). */
    public boolean offer(UUID user, Fix fix) {
        if (intervalNanos == 0) {
            processor.accept(user, fix);
            return false;
        }
        long now = System.nanoTime();
        Slot slot = slots.computeIfAbsent(user, u -> new Slot());
        boolean processNow;
        synchronized (slot) {
            if (slot.lastAt != null && fix.at().isBefore(slot.lastAt)) {
                return true;
            }
            long allowedFrom = slot.tat - intervalNanos / 2;
            if (slot.pending == null && !slot.scheduled && (!slot.started || now - allowedFrom >= 0)) {
                slot.tat = (slot.started ? Math.max(slot.tat, now) : now) + intervalNanos;
                slot.started = true;
                slot.lastAt = fix.at();
                processNow = true;
            } else {
                if (slot.pending == null || !fix.at().isBefore(slot.pending.at())) {
                    slot.pending = fix;
                }
                if (!slot.scheduled) {
                    slot.scheduled = true;
                    timer.schedule(() -> flush(user, slot), Math.max(0, allowedFrom - now), TimeUnit.NANOSECONDS);
                }
                processNow = false;
            }
        }
        if (processNow) {
            processor.accept(user, fix);
        }
        return !processNow;
    }

    private void flush(UUID user, Slot slot) {
        Fix fix;
        synchronized (slot) {
            fix = slot.pending;
            slot.pending = null;
            slot.scheduled = false;
            if (fix != null) {
                slot.tat = Math.max(slot.tat, System.nanoTime()) + intervalNanos;
                slot.lastAt = fix.at();
            }
        }
        if (fix != null) {
            Thread.ofVirtual().name("location-flush").start(() -> processor.accept(user, fix));
        }
    }

    /** Forgets sharers idle for a minute (their slot holds nothing). */
    public void prune() {
        long cutoff = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
        slots.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().pending == null && !e.getValue().scheduled && e.getValue().tat - cutoff < 0;
            }
        });
    }

    public int slots() {
        return slots.size();
    }
}
