package dev.tangle.geo.map;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tangle.geo.map.index.MapIndex;
import dev.tangle.geo.map.index.MapItem;
import dev.tangle.geo.map.index.MapItem.Audience;
import dev.tangle.geo.map.index.MapItem.Kind;

/**
 * Keeps this instance's in-memory index equal to the map tables: a bulk load at start, then every
 * {@code interval} the rows whose revision is above the last applied one. Every instance follows the tables,
 * whichever instance's consumer wrote them, so N instances answer alike.
 */
final class MapFollower implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MapFollower.class.getName());

    private final MapRepository repository;
    private final MapIndex index;
    private final Duration interval;
    private volatile long appliedRev;
    private volatile boolean running = true;
    private Thread thread;

    MapFollower(MapRepository repository, MapIndex index, Duration interval) {
        this.repository = repository;
        this.index = index;
        this.interval = interval;
    }

    /** Loads everything stored, then follows changes on a virtual thread. */
    void start() {
        // pages can overlap (a row re-read on the next page): the latest version of each row wins
        java.util.Map<String, MapItem> items = new java.util.LinkedHashMap<>();
        MapRepository.Changes changes;
        do {
            changes = repository.changesAfter(appliedRev);
            applyRelations(changes);
            for (MapRepository.ItemRow row : changes.items()) {
                MapItem item = item(row);
                if (item != null) {
                    items.put(row.kind() + row.id(), item);
                } else {
                    items.remove(row.kind() + row.id());
                }
            }
            appliedRev = changes.upTo();
        } while (changes.more());
        index.load(items.values());
        LOG.log(Level.INFO, "Memory map loaded: " + index.size() + " items");
        thread = Thread.ofVirtual().name("map-follower").start(this::follow);
    }

    long appliedRev() {
        return appliedRev;
    }

    private void follow() {
        while (running) {
            try {
                pollOnce();
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "Memory map follow failed, retrying: " + e.getMessage());
                try {
                    Thread.sleep(Math.max(1000, interval.toMillis()));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Applies every change after the last applied revision. */
    void pollOnce() {
        MapRepository.Changes changes;
        do {
            changes = repository.changesAfter(appliedRev);
            applyRelations(changes);
            List<MapItem> put = new ArrayList<>();
            for (MapRepository.ItemRow row : changes.items()) {
                MapItem item = item(row);
                if (item == null) {
                    index.remove(Kind.valueOf(row.kind().toUpperCase(java.util.Locale.ROOT)), row.id());
                } else {
                    put.add(item);
                }
            }
            index.putAll(put);
            appliedRev = changes.upTo();
        } while (changes.more());
    }

    private void applyRelations(MapRepository.Changes changes) {
        for (MapRepository.RelationRow r : changes.relations()) {
            switch (r.relation()) {
                case FRIENDS -> index.setFriend(r.first(), r.second(), r.active());
                case BLOCKS -> index.setBlock(r.first(), r.second(), r.active());
                case MEMBERS -> index.setMember(r.first(), r.second(), r.active());
            }
        }
    }

    /** The index item of a row, or null when the row is not on the map (deleted, no location, not yet known). */
    static MapItem item(MapRepository.ItemRow row) {
        if (row.deleted() || row.lat() == null || row.lon() == null || row.authorId() == null || row.createdAt() == null) {
            return null;
        }
        Kind kind = "post".equals(row.kind()) ? Kind.POST : Kind.MEDIA;
        if (kind == Kind.POST && row.visibility() == null) {
            return null;
        }
        Audience audience = row.visibility() == null ? Audience.PRIVATE
                : Audience.valueOf(row.visibility().toUpperCase(java.util.Locale.ROOT));
        if (audience == Audience.GROUP && row.groupId() == null) {
            audience = Audience.PRIVATE;
        }
        return new MapItem(kind, row.id(), row.authorId(), audience, audience == Audience.GROUP ? row.groupId() : null,
                row.lat(), row.lon(), row.createdAt(), row.otherId());
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
