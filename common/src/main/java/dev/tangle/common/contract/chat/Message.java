package dev.tangle.common.contract.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the API shows it. A deleted message is a tombstone: {@code deleted} true, text, media, mentions
 * and forward removed, seq kept.
 *
 * @param id                id
 * @param conversationId    its conversation
 * @param seq               gapless position in the conversation, from 1
 * @param senderId          sender
 * @param clientMsgId       the sender's idempotency key
 * @param text              the text exactly as sent (never rendered)
 * @param format            {@code plain} or {@code markdown}
 * @param replyToId         message replied to, same conversation
 * @param quoteOfId         message quoted, same conversation
 * @param forward           snapshot of the forwarded original
 * @param threadRootId      the thread this reply belongs to
 * @param threadReplyCount  replies in the thread this message roots
 * @param lastThreadReplyAt time of its newest thread reply
 * @param mediaIds          attached media ids
 * @param mentions          mentioned user ids
 * @param position          position on a canvas
 * @param createdAt         when it was committed
 * @param editedAt          last edit
 * @param deleted           tombstone
 * @param reactions         reaction counts (and the caller's own, except in events)
 */
public record Message(UUID id, UUID conversationId, long seq, UUID senderId, String clientMsgId, String text,
                      String format, UUID replyToId, UUID quoteOfId, Forward forward, UUID threadRootId,
                      int threadReplyCount, Instant lastThreadReplyAt, List<UUID> mediaIds, List<UUID> mentions,
                      Position position, Instant createdAt, Instant editedAt, boolean deleted, Reactions reactions) {

    /**
     * The original of a forward, as it was when forwarded.
     *
     * @param messageId      original message
     * @param conversationId its conversation
     * @param senderId       its sender
     * @param text           its text
     */
    public record Forward(UUID messageId, UUID conversationId, UUID senderId, String text) {
    }

    /**
     * A point on a canvas; both coordinates lie in [{@link #MIN}, {@link #MAX}].
     *
     * @param x horizontal
     * @param y vertical
     */
    public record Position(double x, double y) {
        public static final double MIN = -1_000_000;
        public static final double MAX = 1_000_000;
    }

    public Message withSeq(long newSeq) {
        return new Message(id, conversationId, newSeq, senderId, clientMsgId, text, format, replyToId, quoteOfId, forward,
                threadRootId, threadReplyCount, lastThreadReplyAt, mediaIds, mentions, position, createdAt, editedAt,
                deleted, reactions);
    }

    public Message withReactions(Reactions newReactions) {
        return new Message(id, conversationId, seq, senderId, clientMsgId, text, format, replyToId, quoteOfId, forward,
                threadRootId, threadReplyCount, lastThreadReplyAt, mediaIds, mentions, position, createdAt, editedAt,
                deleted, newReactions);
    }
}
