package dev.tangle.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit row as the admin API shows it. */
public record AuditEntry(UUID id, Instant at, UUID actorId, String action, String targetKind, String targetId,
                         String ip, String userAgent, Map<String, Object> detail) {
}
