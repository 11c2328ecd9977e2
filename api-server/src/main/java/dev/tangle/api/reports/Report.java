package dev.tangle.api.reports;

import java.time.Instant;
import java.util.UUID;

/** A user's report of content or of another user, for operators to handle. */
public record Report(UUID id, UUID reporterId, String targetKind, UUID targetId, String reason, String status,
                     Instant createdAt, UUID handledBy, Instant handledAt) {
}
