package dev.tangle.geo.support;

import java.util.UUID;

import dev.tangle.common.json.Json;
import dev.tangle.common.nats.Subjects;
import io.nats.client.Connection;

/**
 * Ephemeral pushes to a user's sessions: a complete server frame on {@code tangle.rt.user.<userId>}, which every
 * socket-server holding a session of the user forwards as is, through the session's queue like chat.
 */
public final class Pushes {

    private final Connection nats;

    public Pushes(Connection nats) {
        this.nats = nats;
    }

    public void frame(UUID userId, Object frame) {
        nats.publish(Subjects.realtime("user", userId), Json.write(frame));
    }

    public void frame(UUID userId, byte[] frame) {
        nats.publish(Subjects.realtime("user", userId), frame);
    }
}
