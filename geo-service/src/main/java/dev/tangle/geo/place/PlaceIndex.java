package dev.tangle.geo.place;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.tangle.geo.place.PlaceRepository.Watch;
import dev.tangle.geo.support.LatLon;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.quadtree.Quadtree;

/**
 * Every place and watch in memory: a JTS {@link Quadtree} of each place's envelope grown by the leave margin
 * (so a query with a point returns every place the point could be inside or about to leave), and the watches
 * by watched user. Dynamic (insert/remove), guarded by a read-write lock; rebuilt per place on change.
 */
public final class PlaceIndex {

    private static final double METRES_PER_DEGREE = 111_320.0;
    /** Watched places per user up to which candidates are checked one by one instead of through the tree. */
    static final int DIRECT_LIMIT = 64;

    private final double marginM;
    private final Quadtree tree = new Quadtree();
    private final Map<UUID, Entry> places = new HashMap<>();
    private final Map<UUID, List<Watch>> watchesByUser = new HashMap<>();
    private final Map<UUID, List<Watch>> watchesByPlace = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private record Entry(Place place, Envelope envelope) {
    }

    public PlaceIndex(double marginM) {
        this.marginM = marginM;
    }

    /** Adds or replaces a place and its watches. */
    public void put(Place place, List<Watch> watches) {
        lock.writeLock().lock();
        try {
            removeLocked(place.id());
            Envelope env = envelope(place.center(), place.radiusM() + marginM);
            Entry entry = new Entry(place, env);
            places.put(place.id(), entry);
            tree.insert(env, entry);
            watchesByPlace.put(place.id(), List.copyOf(watches));
            for (Watch w : watches) {
                watchesByUser.computeIfAbsent(w.userId(), u -> new ArrayList<>()).add(w);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void remove(UUID placeId) {
        lock.writeLock().lock();
        try {
            removeLocked(placeId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void removeLocked(UUID placeId) {
        Entry old = places.remove(placeId);
        if (old != null) {
            tree.remove(old.envelope(), old);
        }
        List<Watch> watches = watchesByPlace.remove(placeId);
        if (watches != null) {
            for (Watch w : watches) {
                List<Watch> list = watchesByUser.get(w.userId());
                if (list != null) {
                    list.removeIf(x -> x.placeId().equals(placeId));
                    if (list.isEmpty()) {
                        watchesByUser.remove(w.userId());
                    }
                }
            }
        }
    }

    public Place place(UUID id) {
        lock.readLock().lock();
        try {
            Entry e = places.get(id);
            return e == null ? null : e.place();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The watches about {@code user}. */
    public List<Watch> watchesOf(UUID user) {
        lock.readLock().lock();
        try {
            List<Watch> list = watchesByUser.get(user);
            return list == null ? List.of() : List.copyOf(list);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Places among {@code placeIds} whose grown envelope holds the point (index candidates). A user is watched at a
     * few places: up to {@link #DIRECT_LIMIT} of them are checked directly (a map look-up each); more go through the
     * quadtree.
     */
    public List<Place> candidates(LatLon point, Set<UUID> placeIds) {
        if (placeIds.isEmpty()) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            List<Place> result = new ArrayList<>();
            double x = point.lon();
            double y = point.lat();
            if (placeIds.size() <= DIRECT_LIMIT) {
                for (UUID id : placeIds) {
                    Entry e = places.get(id);
                    if (e != null && e.envelope().contains(x, y)) {
                        result.add(e.place());
                    }
                }
                return result;
            }
            Envelope at = new Envelope(x, x, y, y);
            for (Object o : tree.query(at)) {
                Entry e = (Entry) o;
                if (e.envelope().contains(at) && placeIds.contains(e.place().id())) {
                    result.add(e.place());
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return places.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    static Envelope envelope(LatLon center, double metres) {
        double dLat = metres / METRES_PER_DEGREE;
        double dLon = metres / (METRES_PER_DEGREE * Math.max(Math.cos(Math.toRadians(center.lat())), 1e-6));
        return new Envelope(center.lon() - dLon, center.lon() + dLon, center.lat() - dLat, center.lat() + dLat);
    }
}
