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

import dev.tangle.common.db.Database;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
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
 * State lives in {@code place_presence} (changed by compare-and-set) with a per-user copy in memory.
 */
public final class PlaceTracker {

    private final Database db;
    private final OutboxRelay relay;
    private final PlaceRepository repository;
    private final PlaceIndex index;
    private final GeoMetrics metrics;
    private final double marginM;
    private final ConcurrentHashMap<UUID, Map<Key, Presence>> states = new ConcurrentHashMap<>();

    private record Key(UUID placeId, String basis) {
    }

    public PlaceTracker(Database db, OutboxRelay relay, PlaceRepository repository, PlaceIndex index, GeoMetrics metrics,
                        double marginM) {
        this.db = db;
        this.relay = relay;
        this.repository = repository;
        this.index = index;
        this.metrics = metrics;
        this.marginM = marginM;
    }

    public void evaluate(UUID user, LatLon point, Instant at, Audience audience, long triggerNanos) {
        List<Watch> watches = index.watchesOf(user);
        if (watches.isEmpty()) {
            return;
        }
        // watchers per place and basis, only those the user currently shares with
        Map<Key, List<UUID>> watchers = new HashMap<>();
        Set<UUID> placeIds = new HashSet<>();
        for (Watch w : watches) {
            Share share = audience.shareFor(w.watcherId());
            if (share == null) {
                continue;
            }
            String basis = share.precision() == Precision.EXACT ? "exact" : "approximate";
            watchers.computeIfAbsent(new Key(w.placeId(), basis), k -> new ArrayList<>()).add(w.watcherId());
            placeIds.add(w.placeId());
        }
        Map<Key, Presence> state = states.computeIfAbsent(user, this::load);
        synchronized (state) {
            LatLon cell = GeoGrid.snap(point.lat(), point.lon());
            Set<Key> toCheck = new HashSet<>();
            int evaluated = 0;
            for (String basis : List.of("exact", "approximate")) {
                LatLon p = basis.equals("exact") ? point : cell;
                for (Place place : index.candidates(p, placeIds)) {
                    toCheck.add(new Key(place.id(), basis));
                }
            }
            for (Key k : state.keySet()) {
                if (state.get(k).inside()) {
                    toCheck.add(k);
                }
            }
            for (Key key : toCheck) {
                Place place = index.place(key.placeId());
                if (place == null) {
                    state.remove(key);
                    continue;
                }
                evaluated++;
                LatLon p = key.basis().equals("exact") ? point : cell;
                double distance = p.metresTo(place.center());
                step(user, place, key, distance, at, state, watchers.getOrDefault(key, List.of()), triggerNanos);
            }
            metrics.placesEvaluated(evaluated);
        }
    }

    private void step(UUID user, Place place, Key key, double distance, Instant at, Map<Key, Presence> state,
                      List<UUID> watchers, long trigger) {
        Presence current = state.get(key);
        boolean inside = current != null && current.inside();
        if (!inside && distance <= place.radiusM()) {
            boolean arrivedNow = place.dwellSeconds() == 0;
            if (transition(tx -> repository.enter(tx, place.id(), user, key.basis(), arrivedNow, at),
                    arrivedNow ? "place.arrived" : null, user, place, at, watchers, trigger)) {
                state.put(key, new Presence(place.id(), key.basis(), true, arrivedNow, at));
            } else {
                reload(user, key, state);
            }
        } else if (inside && distance > place.radiusM() + marginM) {
            boolean wasArrived = current.arrived();
            if (transition(tx -> repository.leave(tx, place.id(), user, key.basis(), wasArrived, at),
                    wasArrived ? "place.left" : null, user, place, at, watchers, trigger)) {
                state.remove(key);
            } else {
                reload(user, key, state);
            }
        } else if (inside && !current.arrived() && !at.isBefore(current.since().plusSeconds(place.dwellSeconds()))) {
            if (transition(tx -> repository.arrive(tx, place.id(), user, key.basis()), "place.arrived", user, place, at,
                    watchers, trigger)) {
                state.put(key, new Presence(place.id(), key.basis(), true, true, current.since()));
            } else {
                reload(user, key, state);
            }
        }
    }

    private interface Cas {
        boolean apply(io.helidon.dbclient.DbExecute tx);
    }

    /** Applies a compare-and-set and, when it took and {@code kind} is set, its notifications in one transaction. */
    private boolean transition(Cas cas, String kind, UUID user, Place place, Instant at, List<UUID> watchers, long trigger) {
        boolean applied = db.inTransaction(tx -> {
            if (!cas.apply(tx)) {
                return false;
            }
            if (kind != null) {
                List<Event> events = new ArrayList<>();
                events.add(GeoEvents.domain(place.id(), kind, GeoEvents.data("placeId", place.id(), "userId", user, "at", at)));
                events.addAll(GeoEvents.notify(watchers, kind, GeoEvents.data("userId", user, "placeId", place.id(),
                        "placeName", place.name(), "at", at)));
                Outbox.addAll(tx, events);
            }
            return true;
        });
        if (applied && kind != null) {
            relay.kick();
            metrics.alert(kind, trigger);
        }
        return applied;
    }

    private void reload(UUID user, Key key, Map<Key, Presence> state) {
        repository.presence(db.client().execute(), key.placeId(), user, key.basis())
                .filter(Presence::inside)
                .ifPresentOrElse(p -> state.put(key, p), () -> state.remove(key));
    }

    private Map<Key, Presence> load(UUID user) {
        Map<Key, Presence> map = new HashMap<>();
        for (Presence p : repository.insideOf(db.client().execute(), user)) {
            map.put(new Key(p.placeId(), p.basis()), p);
        }
        return map;
    }

    /** Forgets the in-memory copy of a user's presence (another instance changed it). */
    public void forget(UUID user) {
        states.remove(user);
    }
}
