package dev.tangle.common.contract.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conversation as the API shows it to one member. In events {@code lastMessage} is null and
 * {@code unreadCount}/{@code readSeq} are 0: those are per reader.
 *
 * @param id             id
 * @param kind           direct, group, channel or canvas
 * @param title          title, may be null
 * @param groupId        the group of a channel
 * @param createdBy      creator
 * @param memberIds      members
 * @param lastSeq        seq of the newest message
 * @param lastMessage    newest message
 * @param unreadCount    messages of others after the reader's marker (thread replies and tombstones excluded)
 * @param readSeq        the reader's read marker
 * @param lastActivityAt newest message or creation, the list's order
 * @param createdAt      creation
 */
public record Conversation(UUID id, String kind, String title, UUID groupId, UUID createdBy, List<UUID> memberIds,
                           long lastSeq, Message lastMessage, long unreadCount, long readSeq, Instant lastActivityAt,
                           Instant createdAt) {
}
