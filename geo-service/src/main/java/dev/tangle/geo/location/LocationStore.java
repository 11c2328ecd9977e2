package dev.tangle.geo.location;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

/**
 * The {@code tangle_location} KV bucket (file storage, TTL 24 h, one revision per key): the last known location of
 * each sharer, shared by every instance and kept across restarts (docs/adr/0090).
 */
public final class LocationStore {

    private static final System.Logger LOG = System.getLogger(LocationStore.class.getName());

    private final KeyValue kv;

    public LocationStore(Connection nats) {
        try {
            this.kv = nats.keyValue(Streams.LOCATION_BUCKET);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open KV bucket " + Streams.LOCATION_BUCKET, e);
        }
    }

    public void put(UUID userId, LastLocation location) {
        try {
            kv.put(userId.toString(), Json.write(location));
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("Cannot store the last location of " + userId + ": " + e.getMessage(), e);
        }
    }

    public Optional<LastLocation> get(UUID userId) {
        try {
            KeyValueEntry entry = kv.get(userId.toString());
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(Json.read(entry.getValue(), LastLocation.class));
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot read the last location of " + userId + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
