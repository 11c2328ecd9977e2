package dev.tangle.api.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A registered endpoint. {@code secret} is shown once, in the answer to its creation (null afterwards).
 *
 * @param groupId the group whose events it receives, or null for the owner's own events
 * @param events  event types without {@code tangle.} ({@code post.created}, {@code chat.message.created}, …) or {@code *}
 * @param status  {@code active} or {@code disabled} (by the owner, or after a delivery failed for a day)
 */
public record Webhook(UUID id, UUID ownerId, UUID groupId, String url, List<String> events, String status,
                      String disabledReason, Instant createdAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    Webhook withoutSecret() {
        return new Webhook(id, ownerId, groupId, url, events, status, disabledReason, createdAt, null);
    }
}
