package dev.tangle.geo.location;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.tangle.geo.place.PlaceTracker;
import dev.tangle.geo.share.Audience;
import dev.tangle.geo.share.Precision;
import dev.tangle.geo.share.Share;
import dev.tangle.geo.share.ShareService;
import dev.tangle.geo.share.ViewerCache;
import dev.tangle.geo.support.GeoGrid;
import dev.tangle.geo.support.GeoMetrics;
import dev.tangle.geo.support.Pushes;

/**
 * Takes location updates: coalesces too-fast ones, stores the last known location, pushes it to every viewer
 * (the cell centre to approximate ones) and lets the place tracker compare it with the places watched.
 */
public final class LocationService {

    private static final System.Logger LOG = System.getLogger(LocationService.class.getName());
    private static final long TOUCH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final LocationStore store;
    private final ViewerCache viewers;
    private final ShareService shares;
    private final PlaceTracker places;
    private final Pushes pushes;
    private final GeoMetrics metrics;
    private final Clock clock;
    private final Coalescer coalescer;
    /** Updates in their audience-and-push step at once ({@code geo.processing-concurrency}). */
    private final java.util.concurrent.Semaphore permits;
    private final ConcurrentHashMap<UUID, Long> touched = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Instant> untouched = new ConcurrentHashMap<>();

    public LocationService(LocationStore store, ViewerCache viewers, ShareService shares, PlaceTracker places,
                           Pushes pushes, GeoMetrics metrics, Clock clock, int concurrency, CoalescerFactory coalescer) {
        this.permits = new java.util.concurrent.Semaphore(concurrency);
        this.store = store;
        this.viewers = viewers;
        this.shares = shares;
        this.places = places;
        this.pushes = pushes;
        this.metrics = metrics;
        this.clock = clock;
        this.coalescer = coalescer.create(this::process);
    }

    /** Builds the coalescer around the processing step. */
    public interface CoalescerFactory {
        Coalescer create(java.util.function.BiConsumer<UUID, Fix> processor);
    }

    /**
     * An accepted update; returns whether it was not processed at once (it waits in the sharer's slot, or was
     * dropped as older than the newest). {@code tangle_geo_location_updates_total} counts each update once: as
     * {@code processed} when it is processed, as {@code coalesced} when a newer one replaced it or it was dropped.
     */
    public boolean ingest(UUID user, Fix fix) {
        Coalescer.Outcome outcome = coalescer.offer(user, fix);
        if (outcome == Coalescer.Outcome.REPLACED || outcome == Coalescer.Outcome.DROPPED) {
            metrics.update("coalesced");
        }
        return outcome.coalesced();
    }

    public Coalescer coalescer() {
        return coalescer;
    }

    private void process(UUID user, Fix fix) {
        long trigger = System.nanoTime();
        Instant received = clock.instant();
        LastLocation last = LastLocation.of(fix, received);
        metrics.update("processed");
        try {
            Audience audience;
            // the part that needs CPU and (on a cache miss) a pool connection is bounded; waiting for the commit
            // of a place transition is not, so slow commits do not hold back other sharers' pushes
            permits.acquireUninterruptibly();
            try {
                audience = viewers.get(user);
                push(user, audience, last, received); // first: pushes are what viewers wait for
                store.put(user, last);
            } finally {
                permits.release();
            }
            places.evaluate(user, fix.point(), fix.at(), audience, trigger);
            touch(user, received);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Location update of " + user + " failed: " + e.getMessage());
            throw e;
        }
    }

    private void push(UUID user, Audience audience, LastLocation last, Instant now) {
        if (audience.isEmpty()) {
            return;
        }
        Map<UUID, byte[]> frames = new HashMap<>();
        int n = 0;
        for (var entry : audience.byViewer().entrySet()) {
            Share share = entry.getValue();
            if (!share.active(now) || share.paused()) {
                continue;
            }
            byte[] frame = frames.computeIfAbsent(share.id(), id -> frame(user, share, last));
            pushes.frame(entry.getKey(), frame);
            n++;
        }
        metrics.pushed(n);
    }

    /**
     * The {@code location} frame a viewer of {@code share} gets, written directly (the same JSON as
     * {@code Json.write} of its fields, LocationFrameTest; Jackson over a map was 6 % of geo-service's CPU).
     */
    static byte[] frame(UUID user, Share share, LastLocation last) {
        boolean exact = share.precision() == Precision.EXACT;
        Double accuracy = exact ? last.accuracyM() : Double.valueOf(GeoGrid.APPROXIMATE_ACCURACY_M);
        StringBuilder f = new StringBuilder(256)
                .append("{\"type\":\"location\",\"userId\":\"").append(user)
                .append("\",\"shareId\":\"").append(share.id())
                .append("\",\"lat\":").append(exact ? last.lat() : last.cellLat())
                .append(",\"lon\":").append(exact ? last.lon() : last.cellLon())
                .append(",\"accuracyM\":").append(accuracy == null ? "null" : accuracy.toString())
                .append(",\"precision\":\"").append(share.precision().wire())
                .append("\",\"at\":\"").append(last.at())
                .append("\",\"sentAt\":\"").append(last.receivedAt()).append("\"}");
        return f.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Marks the sharer's shares updated at most every 15 s; the marks of all sharers are written together. */
    private void touch(UUID user, Instant now) {
        long t = System.nanoTime();
        Long previous = touched.get(user);
        if (previous == null || t - previous > TOUCH_EVERY_NANOS) {
            touched.put(user, t);
            untouched.put(user, now);
        }
    }

    /** Writes the pending marks in one statement (every second, from the scheduler). */
    public void flushTouches() {
        if (untouched.isEmpty()) {
            return;
        }
        Map<UUID, Instant> batch = new HashMap<>();
        for (UUID user : untouched.keySet()) {
            Instant at = untouched.remove(user);
            if (at != null) {
                batch.put(user, at);
            }
        }
        try {
            shares.touchAll(batch);
        } catch (RuntimeException e) {
            batch.keySet().forEach(touched::remove); // marked again with their next update
            LOG.log(Level.WARNING, "Could not mark the shares of " + batch.size() + " sharers updated: " + e.getMessage());
        }
    }

    /** Forgets the touch throttle of sharers not seen for a minute. */
    public void prune() {
        coalescer.prune();
        long cutoff = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
        touched.values().removeIf(t -> t - cutoff < 0);
    }
}
