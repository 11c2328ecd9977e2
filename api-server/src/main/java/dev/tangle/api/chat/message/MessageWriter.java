package dev.tangle.api.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.chat.ChatEvents;
import dev.tangle.api.chat.conversation.ConversationKind;
import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.common.db.Database;
import dev.tangle.common.db.Rows;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/**
 * Commits a batch of sends to one conversation in one short transaction: who may send, earlier sends with the
 * same keys, references; then {@code last_seq += n} under the conversation's row lock, one multi-row insert and
 * their outbox rows. Each send gets its own outcome (a result or the error for that send alone).
 */
final class MessageWriter {

    private static final int ATTEMPTS = 3;
    private static final String TARGET = "SELECT c.kind, "
            + "(c.kind = 'direct' AND EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = c.direct_low AND b.blocked_id = c.direct_high) "
            + "  OR (b.blocker_id = c.direct_high AND b.blocked_id = c.direct_low))) AS blocked, "
            + "(SELECT string_agg(u::text, ',') FROM unnest(?::uuid[]) u WHERE CASE WHEN c.kind = 'channel' "
            + "  THEN EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = c.group_id AND g.user_id = u) "
            + "  ELSE EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = c.id AND m.user_id = u) END) AS allowed "
            + "FROM conversations c WHERE c.id = ?";

    private final Database db;
    private final OutboxRelay relay;
    private final MessageRepository messages;
    private final ConversationRepository conversations;

    MessageWriter(Database db, OutboxRelay relay, MessageRepository messages, ConversationRepository conversations) {
        this.db = db;
        this.relay = relay;
        this.messages = messages;
        this.conversations = conversations;
    }

    /** One outcome per send, in order: a {@link SendResult} or a {@link RuntimeException}. */
    List<Object> write(List<SendCommand> sends) {
        for (int attempt = 1; ; attempt++) {
            try {
                Object[] outcomes = db.inTransaction(tx -> writeOnce(tx, sends));
                relay.kick();
                return List.of(outcomes);
            } catch (RuntimeException e) {
                // an identical send committed concurrently (another instance or conversation): read it on retry
                if (attempt >= ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private Object[] writeOnce(DbExecute tx, List<SendCommand> sends) {
        int n = sends.size();
        Object[] out = new Object[n];
        UUID conversationId = sends.getFirst().conversationId();
        Set<UUID> senders = new HashSet<>();
        sends.forEach(s -> senders.add(s.senderId()));
        var target = tx.createGet(TARGET).addParam(Rows.uuidArray(senders)).addParam(conversationId).execute();
        if (target.isEmpty()) {
            java.util.Arrays.fill(out, Problems.notFound("Conversation"));
            return out;
        }
        ConversationKind kind = ConversationKind.of(Rows.string(target.get(), "kind"));
        boolean blocked = Rows.bool(target.get(), "blocked");
        Set<UUID> allowed = new HashSet<>(ConversationRepository.idList(Rows.string(target.get(), "allowed")));
        for (int i = 0; i < n; i++) {
            if (!allowed.contains(sends.get(i).senderId())) {
                out[i] = Problems.notFound("Conversation");
            }
        }
        resolveRetries(tx, sends, out);
        Map<UUID, Message> refs = references(tx, sends, out);
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (out[i] == null) {
                RuntimeException problem = check(tx, sends.get(i), kind, blocked, refs);
                if (problem != null) {
                    out[i] = problem;
                } else {
                    accepted.add(i);
                }
            }
        }
        commitAccepted(tx, sends, accepted, refs, out);
        return out;
    }

    /** Earlier sends with the same keys, and repeats within this batch, answer with the original. */
    private void resolveRetries(DbExecute tx, List<SendCommand> sends, Object[] out) {
        List<SendCommand> open = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            if (out[i] == null) {
                open.add(sends.get(i));
            }
        }
        if (open.isEmpty()) {
            return;
        }
        List<Message> existing = messages.findByKeys(tx, open);
        Map<UUID, Reactions> reactions = existing.isEmpty() ? Map.of()
                : messages.reactions(tx, existing.stream().map(Message::id).toList(), sends.getFirst().senderId());
        Map<String, Integer> firstOfKey = new HashMap<>();
        for (int i = 0; i < sends.size(); i++) {
            if (out[i] != null) {
                continue;
            }
            SendCommand send = sends.get(i);
            Message earlier = existing.stream().filter(m -> send.sameKey(m.senderId(), m.clientMsgId())).findFirst().orElse(null);
            if (earlier != null) {
                out[i] = earlier.conversationId().equals(send.conversationId())
                        ? new SendResult(earlier.withReactions(reactions.get(earlier.id())), false)
                        : Problems.conflict("clientMsgId " + send.clientMsgId() + " was used for another conversation");
            } else if (firstOfKey.putIfAbsent(send.senderId() + "/" + send.clientMsgId(), i) != null) {
                out[i] = new Repeat(firstOfKey.get(send.senderId() + "/" + send.clientMsgId()));
            }
        }
    }

    private Map<UUID, Message> references(DbExecute tx, List<SendCommand> sends, Object[] out) {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < sends.size(); i++) {
            if (out[i] == null) {
                ids.addAll(sends.get(i).references());
            }
        }
        Map<UUID, Message> byId = new HashMap<>();
        messages.findByIds(tx, ids).forEach(m -> byId.put(m.id(), m));
        return byId;
    }

    /** The problem with one send, or null. */
    private RuntimeException check(DbExecute tx, SendCommand s, ConversationKind kind, boolean blocked,
                                   Map<UUID, Message> refs) {
        if (blocked) {
            return Problems.forbidden("Messages between these users are blocked");
        }
        if (kind == ConversationKind.CANVAS && s.position() == null && s.threadRootId() == null) {
            return Problems.validation("position", "is required in a canvas conversation");
        }
        if (kind != ConversationKind.CANVAS && s.position() != null) {
            return Problems.validation("position", "is only allowed in a canvas conversation");
        }
        if (!inConversation(refs.get(s.replyToId()), s.replyToId(), s.conversationId())) {
            return Problems.validation("replyToId", "no such message in this conversation");
        }
        if (!inConversation(refs.get(s.quoteOfId()), s.quoteOfId(), s.conversationId())) {
            return Problems.validation("quoteOfId", "no such message in this conversation");
        }
        if (s.threadRootId() != null) {
            Message root = refs.get(s.threadRootId());
            if (!inConversation(root, s.threadRootId(), s.conversationId()) || root.threadRootId() != null) {
                return Problems.validation("threadRootId", "no such top-level message in this conversation");
            }
        }
        if (s.forwardOfId() != null) {
            Message original = refs.get(s.forwardOfId());
            if (original == null || original.deleted()
                || !conversations.isMember(tx, original.conversationId(), s.senderId())) {
                return Problems.validation("forwardOfId", "no such message in a conversation you can read");
            }
        }
        return null;
    }

    private static boolean inConversation(Message ref, UUID id, UUID conversationId) {
        return id == null || ref != null && ref.conversationId().equals(conversationId);
    }

    private void commitAccepted(DbExecute tx, List<SendCommand> sends, List<Integer> accepted, Map<UUID, Message> refs,
                                Object[] out) {
        if (!accepted.isEmpty()) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            UUID conversationId = sends.getFirst().conversationId();
            long last = tx.createGet("UPDATE conversations SET last_seq = last_seq + ?, "
                                     + "last_activity_at = greatest(last_activity_at, ?) WHERE id = ? RETURNING last_seq")
                    .addParam(accepted.size()).addParam(Rows.ts(now)).addParam(conversationId).execute()
                    .map(r -> Rows.longValue(r, "last_seq")).orElseThrow();
            long seq = last - accepted.size();
            List<Message> created = new ArrayList<>(accepted.size());
            Map<UUID, Integer> threadReplies = new HashMap<>();
            for (int i : accepted) {
                Message m = newMessage(sends.get(i), ++seq, now, refs);
                created.add(m);
                out[i] = new SendResult(m, true);
                if (m.threadRootId() != null) {
                    threadReplies.merge(m.threadRootId(), 1, Integer::sum);
                }
            }
            messages.insertAll(tx, created);
            threadReplies.forEach((root, count) -> messages.threadReplied(tx, root, count, now));
            ChatEvents.messages(tx, created, "created");
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Repeat repeat) {
                out[i] = out[repeat.index()] instanceof SendResult first ? new SendResult(first.message(), false)
                        : out[repeat.index()];
            }
        }
    }

    private static Message newMessage(SendCommand s, long seq, Instant now, Map<UUID, Message> refs) {
        Message original = s.forwardOfId() == null ? null : refs.get(s.forwardOfId());
        Message.Forward forward = original == null ? null : original.forward() != null ? original.forward()
                : new Message.Forward(original.id(), original.conversationId(), original.senderId(), original.text());
        return new Message(dev.tangle.common.id.Ids.newId(), s.conversationId(), seq, s.senderId(), s.clientMsgId(),
                s.text(), s.format(), s.replyToId(), s.quoteOfId(), forward, s.threadRootId(), 0, null, s.mediaIds(),
                s.mentions(), s.position(), now, null, false, Reactions.NONE);
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A send repeating an earlier send of the same batch (same key): it gets that send's message. */
    private record Repeat(int index) {
    }

    static RuntimeException asFailure(Object outcome) {
        return outcome instanceof RuntimeException e ? e
                : new ApiException(500, "internal", "Internal error", "send outcome " + Objects.toString(outcome));
    }
}
