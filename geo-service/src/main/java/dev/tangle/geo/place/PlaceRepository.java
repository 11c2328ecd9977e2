package dev.tangle.geo.place;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import dev.tangle.common.outbox.OutboxPublisher;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL of places, watches and presence rows. */
public final class PlaceRepository {

    private static final String COLUMNS = "id, owner_id, group_id, name, lat, lon, radius_m, dwell_seconds, created_at, updated_at";

    /** A watch: {@code watcherId} wants alerts about {@code userId} at {@code placeId}. */
    public record Watch(UUID placeId, UUID watcherId, UUID userId) {
    }

    /** A user's presence row. */
    public record Presence(UUID placeId, String basis, boolean inside, boolean arrived, Instant since) {
    }

    public void insert(DbExecute tx, Place p) {
        tx.createInsert("INSERT INTO places (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .addParam(p.id()).addParam(p.ownerId()).addParam(p.groupId()).addParam(p.name()).addParam(p.lat())
                .addParam(p.lon()).addParam(p.radiusM()).addParam(p.dwellSeconds()).addParam(Rows.ts(p.createdAt()))
                .addParam(Rows.ts(p.updatedAt())).execute();
    }

    public void update(DbExecute tx, Place p) {
        tx.createUpdate("UPDATE places SET name = ?, lat = ?, lon = ?, radius_m = ?, dwell_seconds = ?, updated_at = ? WHERE id = ?")
                .addParam(p.name()).addParam(p.lat()).addParam(p.lon()).addParam(p.radiusM()).addParam(p.dwellSeconds())
                .addParam(Rows.ts(p.updatedAt())).addParam(p.id()).execute();
    }

    public void delete(DbExecute tx, UUID id) {
        tx.createDelete("DELETE FROM places WHERE id = ?").addParam(id).execute();
    }

    public Optional<Place> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM places WHERE id = ?").addParam(id).execute().map(PlaceRepository::place);
    }

    /** Places the user owns or that belong to one of {@code groupIds}. */
    public List<Place> visible(DbExecute db, UUID user, Collection<UUID> groupIds) {
        return db.createQuery("SELECT " + COLUMNS + " FROM places WHERE owner_id = ? OR group_id = ANY(?::uuid[]) "
                              + "ORDER BY created_at DESC LIMIT 500")
                .addParam(user).addParam(Rows.uuidArray(groupIds)).execute().map(PlaceRepository::place).toList();
    }

    public List<Place> all(DbExecute db) {
        return db.createQuery("SELECT " + COLUMNS + " FROM places").execute().map(PlaceRepository::place).toList();
    }

    public List<Watch> allWatches(DbExecute db) {
        return db.createQuery("SELECT place_id, watcher_id, user_id FROM place_watches").execute()
                .map(PlaceRepository::watch).toList();
    }

    public List<Watch> watches(DbExecute db, UUID placeId) {
        return db.createQuery("SELECT place_id, watcher_id, user_id FROM place_watches WHERE place_id = ?")
                .addParam(placeId).execute().map(PlaceRepository::watch).toList();
    }

    public void replaceWatches(DbExecute tx, UUID placeId, UUID watcher, Collection<UUID> userIds) {
        tx.createDelete("DELETE FROM place_watches WHERE place_id = ? AND watcher_id = ?").addParam(placeId).addParam(watcher).execute();
        if (!userIds.isEmpty()) {
            tx.createInsert("INSERT INTO place_watches (place_id, watcher_id, user_id) SELECT ?, ?, u FROM unnest(?::uuid[]) AS t(u) "
                            + "ON CONFLICT DO NOTHING")
                    .addParam(placeId).addParam(watcher).addParam(Rows.uuidArray(userIds)).execute();
        }
    }

    public List<Presence> insideOf(DbExecute db, UUID user) {
        return db.createQuery("SELECT place_id, basis, inside, arrived, since FROM place_presence WHERE user_id = ? AND inside")
                .addParam(user).execute().map(PlaceRepository::presence).toList();
    }

    public Optional<Presence> presence(DbExecute db, UUID placeId, UUID user, String basis) {
        return db.createGet("SELECT place_id, basis, inside, arrived, since FROM place_presence WHERE place_id = ? "
                            + "AND user_id = ? AND basis = ?")
                .addParam(placeId).addParam(user).addParam(basis).execute().map(PlaceRepository::presence);
    }

    /** A compare-and-set of one presence row (docs/adr/0137). */
    public enum Op {
        /** outside → inside ({@code arrived} unless a dwell time applies); false when another instance got there first */
        ENTER,
        /** inside, not arrived → arrived (dwell satisfied) */
        ARRIVE,
        /** inside → outside, when the row still says {@code arrived} */
        LEAVE
    }

    /**
     * @param arrived for ENTER the new row's {@code arrived}; for LEAVE the {@code arrived} the row must still have
     * @param since   for ENTER and LEAVE the row's new {@code since}
     */
    public record Change(Op op, UUID placeId, UUID userId, String basis, boolean arrived, Instant since) {
    }

    private static final String APPLY = "WITH t AS (SELECT * FROM unnest(?::int[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], "
            + "?::bool[], ?::timestamptz[]) AS t(i, op, place_id, user_id, basis, arrived, since)), "
            + "e AS (INSERT INTO place_presence (place_id, user_id, basis, inside, arrived, since) "
            + "SELECT place_id, user_id, basis, true, arrived, since FROM t WHERE op = 'ENTER' "
            + "ON CONFLICT (place_id, user_id, basis) DO UPDATE SET inside = true, arrived = EXCLUDED.arrived, "
            + "since = EXCLUDED.since WHERE NOT place_presence.inside RETURNING place_id, user_id, basis), "
            + "a AS (UPDATE place_presence p SET arrived = true FROM t WHERE t.op = 'ARRIVE' AND p.place_id = t.place_id "
            + "AND p.user_id = t.user_id AND p.basis = t.basis AND p.inside AND NOT p.arrived "
            + "RETURNING p.place_id, p.user_id, p.basis), "
            + "l AS (UPDATE place_presence p SET inside = false, arrived = false, since = t.since FROM t WHERE t.op = 'LEAVE' "
            + "AND p.place_id = t.place_id AND p.user_id = t.user_id AND p.basis = t.basis AND p.inside "
            + "AND p.arrived = t.arrived RETURNING p.place_id, p.user_id, p.basis) "
            + "SELECT t.i FROM t JOIN (SELECT * FROM e UNION ALL SELECT * FROM a UNION ALL SELECT * FROM l) c "
            + "USING (place_id, user_id, basis)";

    /**
     * Applies the compare-and-sets in one statement (one round trip for a whole group commit); returns for each
     * whether it took. No two may be of the same row.
     */
    public boolean[] apply(DbExecute tx, List<Change> changes) {
        List<Integer> index = new ArrayList<>(changes.size());
        List<String> ops = new ArrayList<>(changes.size());
        List<UUID> places = new ArrayList<>(changes.size());
        List<UUID> users = new ArrayList<>(changes.size());
        List<String> bases = new ArrayList<>(changes.size());
        List<Boolean> arrived = new ArrayList<>(changes.size());
        List<Instant> since = new ArrayList<>(changes.size());
        for (Change c : changes) {
            index.add(index.size());
            ops.add(c.op().name());
            places.add(c.placeId());
            users.add(c.userId());
            bases.add(c.basis());
            arrived.add(c.arrived());
            since.add(c.since());
        }
        boolean[] took = new boolean[changes.size()];
        tx.createQuery(APPLY).addParam(Rows.array(index)).addParam(Rows.array(ops)).addParam(Rows.uuidArray(places))
                .addParam(Rows.uuidArray(users)).addParam(Rows.array(bases)).addParam(Rows.array(arrived))
                .addParam(Rows.array(since)).execute()
                .forEach(row -> took[Rows.intValue(row, "i")] = true);
        return took;
    }

    /**
     * Writes outbox rows that the writer publishes itself after the commit ({@code relay_after} a grace ahead,
     * docs/adr/0153): ids, subjects and the payloads exactly as they will be published.
     */
    public void addDirectOutbox(DbExecute tx, List<OutboxPublisher.Committed> events) {
        List<UUID> ids = new ArrayList<>(events.size());
        List<String> subjects = new ArrayList<>(events.size());
        List<String> payloads = new ArrayList<>(events.size());
        for (OutboxPublisher.Committed e : events) {
            ids.add(e.id());
            subjects.add(e.subject());
            payloads.add(new String(e.payload(), StandardCharsets.UTF_8));
        }
        tx.createInsert("INSERT INTO outbox (id, subject, payload, relay_after) SELECT id, subject, "
                        + "convert_to(payload, 'UTF8'), " + OutboxRelay.DIRECT_RELAY_AFTER
                        + " FROM unnest(?::uuid[], ?::text[], ?::text[]) AS t(id, subject, payload)")
                .addParam(Rows.uuidArray(ids)).addParam(Rows.array(subjects)).addParam(Rows.array(payloads))
                .execute();
    }

    static Place place(DbRow row) {
        return new Place(Rows.uuid(row, "id"), Rows.uuid(row, "owner_id"), Rows.optionalUuid(row, "group_id").orElse(null),
                Rows.string(row, "name"), Rows.optionalDouble(row, "lat"), Rows.optionalDouble(row, "lon"),
                Rows.optionalDouble(row, "radius_m"), Rows.intValue(row, "dwell_seconds"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }

    private static Watch watch(DbRow row) {
        return new Watch(Rows.uuid(row, "place_id"), Rows.uuid(row, "watcher_id"), Rows.uuid(row, "user_id"));
    }

    private static Presence presence(DbRow row) {
        return new Presence(Rows.uuid(row, "place_id"), Rows.string(row, "basis"), Rows.bool(row, "inside"),
                Rows.bool(row, "arrived"), Rows.instant(row, "since"));
    }
}
