package dev.tangle.geo.share;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A location share.
 *
 * @param kind {@code manual} or {@code sos} (started by an SOS alert)
 */
public record Share(UUID id, UUID ownerId, List<UUID> userIds, UUID conversationId, UUID groupId, Precision precision,
                    String kind, Instant startedAt, Instant expiresAt, Instant endedAt, boolean paused) {

    public boolean active(Instant now) {
        return endedAt == null && expiresAt.isAfter(now);
    }

    /** The API object. */
    public Map<String, Object> view(Instant now) {
        Map<String, Object> audience = new LinkedHashMap<>();
        audience.put("userIds", userIds);
        audience.put("conversationId", conversationId);
        audience.put("groupId", groupId);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("ownerId", ownerId);
        v.put("audience", audience);
        v.put("precision", precision.wire());
        v.put("kind", kind);
        v.put("startedAt", startedAt);
        v.put("expiresAt", endedAt != null && endedAt.isBefore(expiresAt) ? endedAt : expiresAt);
        v.put("active", active(now));
        v.put("paused", paused);
        return v;
    }
}
