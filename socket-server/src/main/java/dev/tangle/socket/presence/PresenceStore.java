package dev.tangle.socket.presence;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

/**
 * The {@code tangle_presence} KV bucket: {@code u.<userId>} holds a {@link PresenceEntry}, changed only by
 * compare-and-set so instances sharing a user never lose each other's updates; {@code i.<instanceId>} holds
 * the time of the instance's last heartbeat (epoch ms). A change of a local user's entry first tries the revision
 * this instance last wrote, without reading the entry again; only a conflict (another instance wrote, the entry
 * expired or was deleted) costs the read.
 */
final class PresenceStore {

    private static final System.Logger LOG = System.getLogger(PresenceStore.class.getName());
    private static final int ATTEMPTS = 16;

    private final KeyValue kv;
    /** What this instance last wrote for each local user: its revision and value. */
    private final ConcurrentHashMap<UUID, Written> written = new ConcurrentHashMap<>();

    private record Written(long revision, PresenceEntry entry) {
    }

    PresenceStore(Connection nats) {
        this.kv = Streams.bucket(nats, Streams.PRESENCE_BUCKET);
    }

    /**
     * The user's entry, empty when there is none.
     *
     * @throws Unavailable when the bucket cannot be read (NATS away, bucket missing): not the same as no entry
     */
    Optional<PresenceEntry> get(UUID userId) {
        KeyValueEntry entry = read(userKey(userId));
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(entry.getValue(), PresenceEntry.class));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Unreadable presence entry of " + userId + ": " + e);
            return Optional.empty();
        }
    }

    private KeyValueEntry read(String key) {
        try {
            return kv.get(key);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            throw new Unavailable(e);
        }
    }

    /** Applies a change with compare-and-set, retrying on conflict; returns the old and new values. */
    Change update(UUID userId, UnaryOperator<PresenceEntry> change) {
        String key = userKey(userId);
        Written mine = written.get(userId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                PresenceEntry old;
                long revision;
                if (mine != null) { // the entry as this instance left it, unless the update below conflicts
                    old = mine.entry();
                    revision = mine.revision();
                } else {
                    KeyValueEntry current = kv.get(key);
                    boolean exists = current != null && current.getOperation() == KeyValueOperation.PUT && current.getValue() != null;
                    old = exists ? Json.read(current.getValue(), PresenceEntry.class) : null;
                    revision = exists ? current.getRevision() : 0;
                }
                PresenceEntry next = change.apply(old == null ? PresenceEntry.empty() : old);
                long now = old != null ? kv.update(key, Json.write(next), revision) : kv.create(key, Json.write(next));
                written.put(userId, new Written(now, next));
                return new Change(old, next);
            } catch (JetStreamApiException conflict) {
                // another instance changed it first, or it expired: read again
                mine = null;
                written.remove(userId);
            } catch (IOException | RuntimeException e) {
                written.remove(userId);
                LOG.log(Level.WARNING, "Cannot update presence of " + userId + ": " + e);
                return null;
            }
        }
        LOG.log(Level.WARNING, "Gave up updating presence of " + userId + " after " + ATTEMPTS + " conflicts");
        return null;
    }

    /** The user left this instance: forget what it wrote for them. */
    void forget(UUID userId) {
        written.remove(userId);
    }

    void beat(String instanceId) {
        try {
            kv.put(instanceKey(instanceId), Long.toString(System.currentTimeMillis()));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot write instance heartbeat: " + e);
        }
    }

    /**
     * The instance's last heartbeat (epoch ms), or 0 when it has none.
     *
     * @throws Unavailable when the bucket cannot be read
     */
    long lastBeat(String instanceId) {
        KeyValueEntry entry = read(instanceKey(instanceId));
        try {
            return entry == null || entry.getOperation() != KeyValueOperation.PUT ? 0 : Long.parseLong(entry.getValueAsString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String userKey(UUID userId) {
        return "u." + userId;
    }

    private static String instanceKey(String instanceId) {
        return "i." + instanceId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    record Change(PresenceEntry old, PresenceEntry next) {
    }

    /** The bucket could not be read: nothing can be concluded about anyone's presence. */
    static final class Unavailable extends RuntimeException {
        Unavailable(Exception cause) {
            super("presence bucket unavailable: " + cause, cause);
        }
    }
}
