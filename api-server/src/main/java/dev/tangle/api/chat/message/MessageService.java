package dev.tangle.api.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.chat.events.ChatEvents;
import dev.tangle.api.chat.conversation.ConversationKind;
import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.chat.conversation.ConversationRow;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.contract.chat.Reactions;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.metrics.Metrics;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/** Sends (group-committed), history, edits with history, tombstones and reactions. */
public final class MessageService implements AutoCloseable {

    private final Database db;
    private final OutboxRelay relay;
    private final SocialGraph graph;
    private final MessageRepository messages = new MessageRepository();
    private final ConversationRepository conversations;
    private final Database sendDb;
    private final SendBatcher batcher;

    /**
     * A window of messages in ascending seq.
     *
     * @param items   messages
     * @param hasMore whether more exist beyond the window in the direction read
     */
    public record History(List<Message> items, boolean hasMore) {
    }

    private final dev.tangle.api.media.MediaValidator mediaValidator;

    public MessageService(Database db, OutboxRelay relay, SocialGraph graph, ConversationRepository conversations,
                          Metrics metrics, int sendStripes, int sendWriters, int sendBatchMax) {
        this(db, relay, graph, conversations, metrics, sendStripes, sendWriters, sendBatchMax,
                dev.tangle.api.media.MediaValidator.NONE);
    }

    public MessageService(Database db, OutboxRelay relay, SocialGraph graph, ConversationRepository conversations,
                          Metrics metrics, int sendStripes, int sendWriters, int sendBatchMax,
                          dev.tangle.api.media.MediaValidator mediaValidator) {
        this.mediaValidator = mediaValidator;
        this.db = db;
        this.relay = relay;
        this.graph = graph;
        this.conversations = conversations;
        // the writers' own sessions plan the send statement generically: a custom plan took longer to plan than
        // to run (ADRs 0126, 0150)
        this.sendDb = db.sessionPool("chat-send", sendStripes * sendWriters,
                Map.of("plan_cache_mode", "force_generic_plan"));
        this.batcher = new SendBatcher(new MessageWriter(sendDb, relay, messages, conversations), sendStripes,
                sendWriters, sendBatchMax, metrics);
    }

    /** Checks and describes attached media (docs/adr/0082). */
    public dev.tangle.api.media.MediaValidator mediaValidator() {
        return mediaValidator;
    }

    /** Commits a message, or returns the one sent earlier with the same clientMsgId. */
    public SendResult send(SendCommand command) {
        mediaValidator.validate(command.senderId(), command.mediaIds());
        return batcher.send(command);
    }

    /**
     * Messages after {@code afterSeq} (forward) or before {@code beforeSeq} (backward, the newest when neither is
     * given), of the whole conversation or of one thread.
     */
    public History history(UUID userId, UUID conversationId, UUID threadRootId, Long afterSeq, Long beforeSeq, int limit) {
        DbExecute read = db.client().execute();
        visible(read, conversationId, userId);
        List<Message> rows = messages.window(read, conversationId, threadRootId, afterSeq, beforeSeq, limit + 1);
        boolean hasMore = rows.size() > limit;
        if (hasMore) {
            rows = afterSeq != null ? rows.subList(0, limit) : rows.subList(1, rows.size());
        }
        return new History(withReactions(read, rows, userId), hasMore);
    }

    public List<MessageRepository.Edit> edits(UUID userId, UUID conversationId, UUID messageId) {
        DbExecute read = db.client().execute();
        visible(read, conversationId, userId);
        message(read, conversationId, messageId, false);
        return messages.edits(read, messageId);
    }

    /** Sender only; keeps the previous text in the edit history. */
    public Message edit(UUID userId, UUID conversationId, UUID messageId, String text) {
        Message edited = db.inTransaction(tx -> {
            visible(tx, conversationId, userId);
            Message m = message(tx, conversationId, messageId, true);
            if (!m.senderId().equals(userId)) {
                throw Problems.forbidden("Only the sender may edit a message");
            }
            if (m.deleted()) {
                throw Problems.conflict("The message was deleted");
            }
            messages.edit(tx, m, text, Instant.now().truncatedTo(ChronoUnit.MICROS));
            Message after = withReactions(tx, List.of(message(tx, conversationId, messageId, false)), userId).getFirst();
            ChatEvents.messages(tx, List.of(after), "edited");
            return after;
        });
        relay.kick();
        return edited;
    }

    /** Sender only; a tombstone keeps id and seq. Deleting a tombstone again changes nothing. */
    public void delete(UUID userId, UUID conversationId, UUID messageId) {
        db.inTransaction(tx -> {
            visible(tx, conversationId, userId);
            Message m = message(tx, conversationId, messageId, true);
            if (!m.senderId().equals(userId)) {
                throw Problems.forbidden("Only the sender may delete a message");
            }
            if (!m.deleted()) {
                messages.tombstone(tx, messageId, Instant.now().truncatedTo(ChronoUnit.MICROS));
                ChatEvents.messages(tx, List.of(message(tx, conversationId, messageId, false)), "deleted");
            }
            return null;
        });
        relay.kick();
    }

    /** An operator's deletion (admin API): a tombstone like the sender's, audited in the same transaction. */
    public void deleteAsOperator(UUID operator, UUID messageId) {
        db.inTransaction(tx -> {
            UUID conversationId = messages.conversationOf(tx, messageId).orElseThrow(() -> Problems.notFound("Message"));
            Message m = message(tx, conversationId, messageId, true);
            if (!m.deleted()) {
                messages.tombstone(tx, messageId, Instant.now().truncatedTo(ChronoUnit.MICROS));
                ChatEvents.messages(tx, List.of(message(tx, conversationId, messageId, false)), "deleted");
            }
            dev.tangle.api.audit.AuditLog.append(tx, operator, "admin.content_deleted", "message", messageId,
                    java.util.Map.of("senderId", m.senderId(), "conversationId", conversationId));
            return null;
        });
        relay.kick();
    }

    /** Adds or removes the caller's reaction; an event only when something changed. */
    public void react(UUID userId, UUID conversationId, UUID messageId, String emoji, boolean add) {
        db.inTransaction(tx -> {
            ConversationRow row = visible(tx, conversationId, userId);
            Message m = message(tx, conversationId, messageId, true);
            if (add && m.deleted()) {
                throw Problems.conflict("The message was deleted");
            }
            if (add && row.kind() == ConversationKind.DIRECT && graph.blockedEitherWay(tx, row.directLow(), row.directHigh())) {
                throw Problems.forbidden("Messages between these users are blocked");
            }
            boolean changed = add ? messages.addReaction(tx, messageId, userId, emoji)
                    : messages.removeReaction(tx, messageId, userId, emoji);
            if (changed) {
                ChatEvents.messages(tx, withReactions(tx, List.of(m), null), "reaction");
            }
            return null;
        });
        relay.kick();
    }

    @Override
    public void close() {
        batcher.close();
        sendDb.close();
    }

    private ConversationRow visible(DbExecute db, UUID conversationId, UUID userId) {
        return conversations.findVisible(db, conversationId, userId).orElseThrow(() -> Problems.notFound("Conversation"));
    }

    private Message message(DbExecute db, UUID conversationId, UUID messageId, boolean forUpdate) {
        return messages.find(db, conversationId, messageId, forUpdate).orElseThrow(() -> Problems.notFound("Message"));
    }

    /** Messages with their reactions as {@code viewer} sees them (null viewer: counts only, for events). */
    List<Message> withReactions(DbExecute db, List<Message> rows, UUID viewer) {
        Map<UUID, Reactions> reactions = messages.reactions(db, rows.stream().map(Message::id).toList(), viewer);
        List<Message> result = new ArrayList<>(rows.size());
        rows.forEach(m -> result.add(m.withReactions(reactions.get(m.id()))));
        return result;
    }

    /** The newest message of each conversation, with the viewer's reactions. */
    public Map<UUID, Message> lastMessages(DbExecute db, Map<UUID, Long> lastSeqs, UUID viewer) {
        Map<UUID, Message> last = messages.lastMessages(db, lastSeqs);
        Map<UUID, Message> result = new java.util.HashMap<>();
        withReactions(db, new ArrayList<>(last.values()), viewer).forEach(m -> result.put(m.conversationId(), m));
        return result;
    }
}
