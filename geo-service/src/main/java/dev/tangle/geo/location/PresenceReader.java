package dev.tangle.geo.location;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Streams;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

/**
 * Reads socket-server's {@code tangle_presence} bucket (docs/events.md, ADR 0043): a user is connected when
 * {@code u.<userId>} lists an instance whose heartbeat key {@code i.<instanceId>} is still there.
 */
public final class PresenceReader {

    private final KeyValue kv;

    public PresenceReader(Connection nats) {
        this.kv = Streams.bucket(nats, Streams.PRESENCE_BUCKET);
    }

    /** Whether the user has a socket on a live instance; unknown (KV unreachable) counts as connected. */
    public boolean connected(UUID userId) {
        try {
            KeyValueEntry entry = kv.get("u." + userId);
            if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
                return false;
            }
            JsonNode instances = Json.tree(entry.getValue()).path("instances");
            for (JsonNode instance : instances) {
                KeyValueEntry beat = kv.get("i." + instance.asText());
                if (beat != null && beat.getOperation() == KeyValueOperation.PUT) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
