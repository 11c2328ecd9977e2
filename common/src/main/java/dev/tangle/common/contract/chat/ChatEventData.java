package dev.tangle.common.contract.chat;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The {@code data} of every chat event api-server publishes (docs/events.md, Chat; schemas in
 * docs/events/chat.*.schema.json). Producers build these records, consumers read them; nothing else shapes them.
 */
public final class ChatEventData {

    private ChatEventData() {
    }

    /** {@code message.created|edited|deleted|reaction}: the whole message, {@code reactions} without {@code mine}. */
    public record MessageEvent(UUID conversationId, Message message) {
    }

    /** {@code read}: a member's read marker moved. */
    public record ReadEvent(UUID conversationId, UUID userId, long seq,
                            @JsonInclude(JsonInclude.Include.NON_NULL) UUID threadRootId) {
    }

    /** {@code member.added|removed}. */
    public record MemberEvent(UUID conversationId, UUID userId) {
    }

    /** {@code conversation.created|updated} and the user-directed {@code conversation.added|removed}. */
    public record ConversationEvent(Conversation conversation) {
    }

    /** The user-directed notification {@code conversation.added}. */
    public record ConversationAdded(String kind, UUID conversationId, UUID byUserId) {
        public static final String KIND = "conversation.added";

        public ConversationAdded(UUID conversationId, UUID byUserId) {
            this(KIND, conversationId, byUserId);
        }
    }
}
