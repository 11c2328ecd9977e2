package dev.tangle.api.chat.read;

import java.time.Instant;
import java.util.UUID;

/**
 * How far a member has read a conversation.
 *
 * @param userId the member
 * @param seq    newest seq read
 * @param readAt when the marker last moved
 */
public record Receipt(UUID userId, long seq, Instant readAt) {
}
