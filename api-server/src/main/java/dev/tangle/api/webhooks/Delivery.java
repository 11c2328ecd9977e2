package dev.tangle.api.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one endpoint and what became of it.
 *
 * @param status     {@code pending} (waiting or being retried), {@code delivered} or {@code dead} (gave up: the
 *                   dead-letter list, replayable)
 * @param lastStatus HTTP status of the last attempt, null if the endpoint did not answer
 */
public record Delivery(UUID id, UUID webhookId, String eventId, String eventType, String status, int attempts,
                       Integer lastStatus, String lastError, Instant nextAttemptAt, Instant createdAt,
                       Instant deliveredAt) {
}
