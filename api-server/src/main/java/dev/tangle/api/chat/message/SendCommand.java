package dev.tangle.api.chat.message;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.json.JsonBody;

/**
 * A validated send, from REST or {@code tangle.svc.chat.send}.
 *
 * @param senderId       the caller
 * @param conversationId target conversation
 * @param clientMsgId    idempotency key of the sender
 * @param text           text as sent (may be empty only with media or a forward)
 * @param format         {@code plain} or {@code markdown}
 * @param replyToId      optional
 * @param quoteOfId      optional
 * @param forwardOfId    optional
 * @param threadRootId   optional
 * @param mediaIds       at most {@link #MAX_MEDIA}
 * @param mentions       at most {@link #MAX_MENTIONS}
 * @param position       canvas position, required in canvas conversations
 */
public record SendCommand(UUID senderId, UUID conversationId, String clientMsgId, String text, String format,
                          UUID replyToId, UUID quoteOfId, UUID forwardOfId, UUID threadRootId, List<UUID> mediaIds,
                          List<UUID> mentions, Message.Position position) {

    public static final int MAX_TEXT_BYTES = 16 * 1024;
    public static final int MAX_MEDIA = 10;
    public static final int MAX_MENTIONS = 50;
    public static final int MAX_CLIENT_MSG_ID = 128;
    /** Fields of a send body (REST); the service adds {@code userId} and {@code conversationId}. */
    public static final Set<String> FIELDS = Set.of("clientMsgId", "text", "format", "replyToId", "quoteOfId",
            "forwardOfId", "threadRootId", "mediaIds", "position", "mentions");

    /** Parses and validates a send body; every problem is a 400 naming the field. */
    public static SendCommand parse(UUID senderId, UUID conversationId, JsonBody body) {
        String clientMsgId = body.requiredString("clientMsgId", 1, MAX_CLIENT_MSG_ID);
        String text = body.optionalText("text", MAX_TEXT_BYTES).orElse("");
        String format = body.optionalEnum("format", MessageFormat.class).orElse(MessageFormat.PLAIN).wire();
        List<UUID> media = body.idList("mediaIds", MAX_MEDIA);
        UUID forwardOfId = body.optionalId("forwardOfId").orElse(null);
        if (text.isEmpty() && media.isEmpty() && forwardOfId == null) {
            throw body.error("text", "is required unless mediaIds or forwardOfId is given");
        }
        Message.Position position = body.optionalObject("position").map(p -> new Message.Position(
                p.requiredDouble("x", Message.Position.MIN, Message.Position.MAX),
                p.requiredDouble("y", Message.Position.MIN, Message.Position.MAX))).orElse(null);
        return new SendCommand(senderId, conversationId, clientMsgId, text, format,
                body.optionalId("replyToId").orElse(null), body.optionalId("quoteOfId").orElse(null), forwardOfId,
                body.optionalId("threadRootId").orElse(null), media, body.idList("mentions", MAX_MENTIONS), position);
    }

    /** The message ids this send refers to. */
    public List<UUID> references() {
        return java.util.stream.Stream.of(replyToId, quoteOfId, forwardOfId, threadRootId)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Whether another send is the same request retried (same sender and key). */
    public boolean sameKey(UUID sender, String key) {
        return senderId.equals(sender) && clientMsgId.equals(key);
    }

    /** The format values. */
    public enum MessageFormat {
        PLAIN, MARKDOWN;

        public String wire() {
            return dev.tangle.common.json.Enums.wire(this);
        }
    }
}
