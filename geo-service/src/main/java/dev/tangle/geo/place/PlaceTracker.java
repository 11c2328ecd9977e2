package dev.tangle.geo.place;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import dev.tangle.common.db.Database;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.geo.place.PlaceRepository.Change;
import dev.tangle.geo.place.PlaceRepository.Op;
import dev.tangle.geo.place.PlaceRepository.Presence;
import dev.tangle.geo.place.PlaceRepository.Watch;
import dev.tangle.geo.share.Audience;
import dev.tangle.geo.share.Precision;
import dev.tangle.geo.share.Share;
import dev.tangle.geo.support.GeoEvents;
import dev.tangle.geo.support.GeoGrid;
import dev.tangle.geo.support.GeoMetrics;
import dev.tangle.geo.support.LatLon;

/**
 * Compares each update with the places its sharer is watched at and announces arrivals and departures.
 * Inside at distance ≤ r, outside again only beyond r + margin; with a dwell time, the arrival is announced once
 * the user stayed that long. Exact watchers are compared with the point, approximate ones with its grid cell.
 * State lives in {@code place_presence} (changed by compare-and-set) with a per-user copy in memory. Only the
 * bases someone watches through are judged; every transition is group-committed with its notifications by the
 * {@link PresenceWriter} before the update counts as evaluated (docs/adr/0137).
 */
public final class PlaceTracker implements AutoCloseable {

    private final Database db;
    private final PlaceRepository repository;
    private final PlaceIndex index;
    private final GeoMetrics metrics;
    private final double marginM;
    private final PresenceWriter writer;
    private final ConcurrentHashMap<UUID, UserState> states = new ConcurrentHashMap<>();

    private static final String EXACT = "exact";
    private static final String APPROXIMATE = "approximate";

    private record Key(UUID placeId, String basis) {
    }

    /** A user's presence rows that say inside, and the lock their evaluation holds (one update at a time). */
    private static final class UserState {
        final ReentrantLock lock = new ReentrantLock();
        final Map<Key, Presence> presence = new HashMap<>();
    }

    public PlaceTracker(Database db, OutboxRelay relay, PlaceRepository repository, PlaceIndex index, GeoMetrics metrics,
                        double marginM) {
        this.db = db;
        this.repository = repository;
        this.index = index;
        this.metrics = metrics;
        this.marginM = marginM;
        this.writer = new PresenceWriter(db, repository, relay, 2);
    }

    public void evaluate(UUID user, LatLon point, Instant at, Audience audience, long triggerNanos) {
        List<Watch> watches = index.watchesOf(user);
        if (watches.isEmpty()) {
            return;
        }
        // watchers per place and basis, only those the user currently shares with
        Map<Key, List<UUID>> watchers = new HashMap<>();
        Set<UUID> exactPlaces = new HashSet<>();
        Set<UUID> approximatePlaces = new HashSet<>();
        for (Watch w : watches) {
            Share share = audience.shareFor(w.watcherId());
            if (share == null) {
                continue;
            }
            boolean exact = share.precision() == Precision.EXACT;
            watchers.computeIfAbsent(new Key(w.placeId(), exact ? EXACT : APPROXIMATE), k -> new ArrayList<>()).add(w.watcherId());
            (exact ? exactPlaces : approximatePlaces).add(w.placeId());
        }
        UserState state = stateOf(user);
        state.lock.lock();
        try {
            LatLon cell = GeoGrid.snap(point.lat(), point.lon());
            Set<Key> toCheck = new HashSet<>();
            for (Place place : index.candidates(point, exactPlaces)) {
                toCheck.add(new Key(place.id(), EXACT));
            }
            for (Place place : index.candidates(cell, approximatePlaces)) {
                toCheck.add(new Key(place.id(), APPROXIMATE));
            }
            for (var e : state.presence.entrySet()) {
                if (e.getValue().inside()) {
                    toCheck.add(e.getKey());
                }
            }
            List<Planned> planned = new ArrayList<>();
            int evaluated = 0;
            for (Key key : toCheck) {
                Place place = index.place(key.placeId());
                if (place == null) {
                    state.presence.remove(key);
                    continue;
                }
                evaluated++;
                double distance = (key.basis().equals(EXACT) ? point : cell).metresTo(place.center());
                Planned p = step(user, place, key, distance, at, state.presence, watchers.getOrDefault(key, List.of()));
                if (p != null) {
                    planned.add(p);
                }
            }
            metrics.placesEvaluated(evaluated);
            if (!planned.isEmpty()) {
                apply(user, planned, state.presence, triggerNanos);
            }
        } finally {
            state.lock.unlock();
        }
    }

    /** A transition to write and what it does to the in-memory state once it took. */
    private record Planned(Key key, String kind, PresenceWriter.Transition transition, Runnable onTook) {
    }

    /** The transition the distance calls for, or null. */
    private Planned step(UUID user, Place place, Key key, double distance, Instant at, Map<Key, Presence> state,
                         List<UUID> watchers) {
        Presence current = state.get(key);
        boolean inside = current != null && current.inside();
        if (!inside && distance <= place.radiusM()) {
            boolean arrivedNow = place.dwellSeconds() == 0;
            return planned(key, new Change(Op.ENTER, place.id(), user, key.basis(), arrivedNow, at),
                    arrivedNow ? "place.arrived" : null, user, place, at, watchers,
                    () -> state.put(key, new Presence(place.id(), key.basis(), true, arrivedNow, at)));
        } else if (inside && distance > place.radiusM() + marginM) {
            boolean wasArrived = current.arrived();
            return planned(key, new Change(Op.LEAVE, place.id(), user, key.basis(), wasArrived, at),
                    wasArrived ? "place.left" : null, user, place, at, watchers, () -> state.remove(key));
        } else if (inside && !current.arrived() && !at.isBefore(current.since().plusSeconds(place.dwellSeconds()))) {
            return planned(key, new Change(Op.ARRIVE, place.id(), user, key.basis(), true, current.since()), "place.arrived",
                    user, place, at, watchers, () -> state.put(key, new Presence(place.id(), key.basis(), true, true, current.since())));
        }
        return null;
    }

    private static Planned planned(Key key, Change change, String kind, UUID user,
                                   Place place, Instant at, List<UUID> watchers, Runnable onTook) {
        List<Event> events = new ArrayList<>();
        if (kind != null) {
            events.add(GeoEvents.domain(place.id(), kind, GeoEvents.data("placeId", place.id(), "userId", user, "at", at)));
            events.addAll(GeoEvents.notify(watchers, kind, GeoEvents.data("userId", user, "placeId", place.id(),
                    "placeName", place.name(), "at", at)));
        }
        return new Planned(key, kind, new PresenceWriter.Transition(change, events), onTook);
    }

    /**
     * Writes the transitions (group-committed with every other sharer's, with their notifications) and waits for
     * the commit; a compare-and-set that did not take (another instance got there first) reloads that row.
     */
    private void apply(UUID user, List<Planned> planned, Map<Key, Presence> state, long trigger) {
        writer.submit(planned.stream().map(Planned::transition).toList());
        RuntimeException failure = null;
        for (Planned p : planned) {
            try {
                if (p.transition().done().join()) {
                    p.onTook().run();
                    if (p.kind() != null) {
                        metrics.alert(p.kind(), trigger);
                    }
                } else {
                    reload(user, p.key(), state);
                }
            } catch (java.util.concurrent.CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void reload(UUID user, Key key, Map<Key, Presence> state) {
        repository.presence(db.client().execute(), key.placeId(), user, key.basis())
                .filter(Presence::inside)
                .ifPresentOrElse(p -> state.put(key, p), () -> state.remove(key));
    }

    /**
     * The user's state, loaded on first use outside the map's lock (a query inside {@code computeIfAbsent} held a
     * bin of the map, and every sharer hashed to it waited: 17 % of geo-service's CPU samples at a cold start spun in
     * {@code ConcurrentHashMap.tryPresize}); a racing load keeps the first.
     */
    private UserState stateOf(UUID user) {
        UserState state = states.get(user);
        if (state != null) {
            return state;
        }
        UserState loaded = load(user);
        UserState raced = states.putIfAbsent(user, loaded);
        return raced != null ? raced : loaded;
    }

    private UserState load(UUID user) {
        UserState state = new UserState();
        for (Presence p : repository.insideOf(db.client().execute(), user)) {
            state.presence.put(new Key(p.placeId(), p.basis()), p);
        }
        return state;
    }

    /** Stops the presence writer (after the last batch). */
    @Override
    public void close() {
        writer.close();
    }

    /** Forgets the in-memory copy of a user's presence (another instance changed it). */
    public void forget(UUID user) {
        states.remove(user);
    }
}
