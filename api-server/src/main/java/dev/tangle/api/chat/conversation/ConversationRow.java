package dev.tangle.api.chat.conversation;

import java.time.Instant;
import java.util.UUID;

import dev.tangle.common.contract.chat.Conversation;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbRow;

/**
 * A conversation as stored.
 *
 * @param id             id
 * @param kind           kind
 * @param title          title, may be null
 * @param groupId        the group of a channel
 * @param createdBy      creator (manages members of group and canvas conversations)
 * @param directLow      the smaller member id of a direct conversation
 * @param directHigh     the larger member id of a direct conversation
 * @param lastSeq        seq of the newest message
 * @param lastActivityAt newest message or creation
 * @param createdAt      creation
 */
public record ConversationRow(UUID id, ConversationKind kind, String title, UUID groupId, UUID createdBy,
                              UUID directLow, UUID directHigh, long lastSeq, Instant lastActivityAt,
                              Instant createdAt) {

    static final String COLUMNS = "c.id, c.kind, c.title, c.group_id, c.created_by, c.direct_low, c.direct_high, "
                                  + "c.last_seq, c.last_activity_at, c.created_at";

    static ConversationRow of(DbRow row) {
        return new ConversationRow(Rows.uuid(row, "id"), ConversationKind.of(Rows.string(row, "kind")),
                Rows.string(row, "title"), Rows.uuid(row, "group_id"), Rows.uuid(row, "created_by"),
                Rows.uuid(row, "direct_low"), Rows.uuid(row, "direct_high"), Rows.longValue(row, "last_seq"),
                Rows.instant(row, "last_activity_at"), Rows.instant(row, "created_at"));
    }

    /** The other member of a direct conversation. */
    public UUID peerOf(UUID userId) {
        return userId.equals(directLow) ? directHigh : directLow;
    }

    /** The reader-independent view used in events. */
    public Conversation toConversation(java.util.List<UUID> memberIds) {
        return new Conversation(id, kind.wire(), title, groupId, createdBy, memberIds, lastSeq, null, 0, 0,
                lastActivityAt, createdAt);
    }
}
