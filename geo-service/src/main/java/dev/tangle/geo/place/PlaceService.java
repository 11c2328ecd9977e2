package dev.tangle.geo.place;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.geo.support.ApiClient;
import dev.tangle.geo.support.GeoEvents;
import io.helidon.dbclient.DbExecute;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;

/**
 * Places and watches: who may see and change them, and keeping every instance's {@link PlaceIndex} current
 * (a change is broadcast on {@code tangle.rt.geo-places.<placeId>} after its commit; each instance reloads it).
 */
public final class PlaceService implements AutoCloseable {

    static final String SUBJECT_PREFIX = "tangle.rt.geo-places.";

    private final Database db;
    private final OutboxRelay relay;
    private final PlaceRepository places;
    private final PlaceIndex index;
    private final ApiClient api;
    private final Connection nats;
    private final Clock clock;
    private final Dispatcher dispatcher;

    public PlaceService(Database db, OutboxRelay relay, PlaceRepository places, PlaceIndex index, ApiClient api,
                        Connection nats, Clock clock) {
        this.db = db;
        this.relay = relay;
        this.places = places;
        this.index = index;
        this.api = api;
        this.nats = nats;
        this.clock = clock;
        DbExecute read = db.client().execute();
        var watches = places.allWatches(read).stream()
                .collect(java.util.stream.Collectors.groupingBy(PlaceRepository.Watch::placeId));
        for (Place p : places.all(read)) {
            index.put(p, watches.getOrDefault(p.id(), List.of()));
        }
        this.dispatcher = nats.createDispatcher(msg -> {
            try {
                refresh(UUID.fromString(msg.getSubject().substring(SUBJECT_PREFIX.length())));
            } catch (IllegalArgumentException ignored) {
                // not ours
            }
        });
        dispatcher.subscribe(SUBJECT_PREFIX + "*");
    }

    /** The fields of a new or changed place, validated by the HTTP layer. */
    public record PlaceInput(String name, Double lat, Double lon, Double radiusM, UUID groupId, Integer dwellSeconds) {
    }

    public Place create(UUID user, PlaceInput in) {
        if (in.groupId() != null) {
            api.audience(user, null, null, in.groupId()); // 404 unless a member
        }
        Instant now = clock.instant();
        Place place = new Place(Ids.newId(), user, in.groupId(), in.name(), in.lat(), in.lon(), in.radiusM(),
                in.dwellSeconds() == null ? 0 : in.dwellSeconds(), now, now);
        db.inTransaction(tx -> {
            places.insert(tx, place);
            Outbox.add(tx, GeoEvents.domain(place.id(), "place.created", GeoEvents.data("placeId", place.id(),
                    "ownerId", user, "groupId", place.groupId())));
            return null;
        });
        changed(place.id());
        return place;
    }

    public List<Place> list(UUID user, Optional<UUID> groupId) {
        if (groupId.isPresent()) {
            api.audience(user, null, null, groupId.get());
            return places.visible(db.client().execute(), UUID.randomUUID(), List.of(groupId.get()));
        }
        return places.visible(db.client().execute(), user, List.of());
    }

    /** A place the user may see: their own, or their group's; else 404. */
    public Place get(UUID user, UUID id) {
        Place place = places.find(db.client().execute(), id).orElseThrow(() -> Problems.notFound("Place"));
        if (!place.ownerId().equals(user)) {
            if (place.groupId() == null) {
                throw Problems.notFound("Place");
            }
            api.audience(user, null, null, place.groupId());
        }
        return place;
    }

    public Place patch(UUID user, UUID id, PlaceInput in) {
        Place old = get(user, id);
        if (!old.ownerId().equals(user)) {
            throw Problems.forbidden("Only the place's creator may change it");
        }
        Place next = new Place(old.id(), old.ownerId(), old.groupId(), in.name() != null ? in.name() : old.name(),
                in.lat() != null ? in.lat() : old.lat(), in.lon() != null ? in.lon() : old.lon(),
                in.radiusM() != null ? in.radiusM() : old.radiusM(),
                in.dwellSeconds() != null ? in.dwellSeconds() : old.dwellSeconds(), old.createdAt(), clock.instant());
        db.inTransaction(tx -> {
            places.update(tx, next);
            Outbox.add(tx, GeoEvents.domain(id, "place.updated", GeoEvents.data("placeId", id)));
            return null;
        });
        changed(id);
        return next;
    }

    public void delete(UUID user, UUID id) {
        Place old = get(user, id);
        if (!old.ownerId().equals(user)) {
            throw Problems.forbidden("Only the place's creator may delete it");
        }
        db.inTransaction(tx -> {
            places.delete(tx, id);
            Outbox.add(tx, GeoEvents.domain(id, "place.deleted", GeoEvents.data("placeId", id)));
            return null;
        });
        changed(id);
    }

    /** Replaces the caller's watched users at a place. */
    public List<UUID> watch(UUID user, UUID id, List<UUID> userIds) {
        get(user, id);
        db.inTransaction(tx -> {
            places.replaceWatches(tx, id, user, userIds);
            return null;
        });
        changed(id);
        return userIds;
    }

    public List<UUID> watched(UUID user, UUID id) {
        get(user, id);
        return places.watches(db.client().execute(), id).stream().filter(w -> w.watcherId().equals(user))
                .map(PlaceRepository.Watch::userId).toList();
    }

    private void changed(UUID placeId) {
        relay.kick();
        refresh(placeId);
        nats.publish(SUBJECT_PREFIX + placeId, placeId.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void refresh(UUID placeId) {
        DbExecute read = db.client().execute();
        places.find(read, placeId).ifPresentOrElse(p -> index.put(p, places.watches(read, placeId)),
                () -> index.remove(placeId));
    }

    @Override
    public void close() {
        nats.closeDispatcher(dispatcher);
    }
}
