package dev.tangle.api.chat.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tangle.api.chat.conversation.ConversationKind;
import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.chat.events.ChatEvents;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.contract.chat.Reactions;
import dev.tangle.common.db.Database;
import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/**
 * Commits a batch of sends, to any number of conversations, in one short transaction: who may send, earlier
 * sends with the same keys, references; then {@code last_seq += n} of each conversation under its row lock
 * (rows locked in id order, so concurrent batches cannot deadlock), one insert of every message and one of
 * their outbox rows. Each send gets its own outcome (a result or the error for that send alone). The statements
 * take arrays, so their text does not depend on the batch size and each is prepared once per connection.
 */
@Repository
final class MessageWriter {

    private static final int ATTEMPTS = 3;
    private static final Set<String> RETRYABLE_STATES = Set.of("23505", "40P01", "40001");
    private static final String TARGETS = "SELECT c.id, c.kind, "
            + "(c.kind = 'direct' AND EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = c.direct_low AND b.blocked_id = c.direct_high) "
            + "  OR (b.blocker_id = c.direct_high AND b.blocked_id = c.direct_low))) AS blocked, "
            + "(SELECT string_agg(DISTINCT s.sender::text, ',') FROM unnest(?::uuid[], ?::uuid[]) AS s(conversation_id, sender) "
            + "  WHERE s.conversation_id = c.id AND CASE WHEN c.kind = 'channel' "
            + "  THEN EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = c.group_id AND g.user_id = s.sender) "
            + "  ELSE EXISTS (SELECT 1 FROM conversation_members m WHERE m.conversation_id = c.id AND m.user_id = s.sender) END) AS allowed "
            + "FROM conversations c WHERE c.id = ANY(?::uuid[])";
    /** What the batch needs to know about one conversation. */
    private record Target(ConversationKind kind, boolean blocked, Set<UUID> allowed) {
    }

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
                // an identical send committed concurrently (read it on retry), or a deadlock/serialization victim
                if (attempt >= ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
            }
        }
    }

    private Object[] writeOnce(DbExecute tx, List<SendCommand> sends) {
        int n = sends.size();
        Object[] out = new Object[n];
        Map<UUID, Target> targets = targets(tx, sends);
        for (int i = 0; i < n; i++) {
            Target target = targets.get(sends.get(i).conversationId());
            if (target == null || !target.allowed().contains(sends.get(i).senderId())) {
                out[i] = Problems.notFound("Conversation");
            }
        }
        resolveRetries(tx, sends, out);
        Map<UUID, Message> refs = references(tx, sends, out);
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (out[i] == null) {
                SendCommand send = sends.get(i);
                RuntimeException problem = check(tx, send, targets.get(send.conversationId()), refs);
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

    private static Map<UUID, Target> targets(DbExecute tx, List<SendCommand> sends) {
        List<UUID> conversationOfSend = new ArrayList<>(sends.size());
        List<UUID> senders = new ArrayList<>(sends.size());
        Set<UUID> conversationIds = new HashSet<>();
        for (SendCommand send : sends) {
            conversationOfSend.add(send.conversationId());
            senders.add(send.senderId());
            conversationIds.add(send.conversationId());
        }
        Map<UUID, Target> targets = new HashMap<>();
        tx.createQuery(TARGETS).addParam(Rows.uuidArray(conversationOfSend)).addParam(Rows.uuidArray(senders))
                .addParam(Rows.uuidArray(conversationIds)).execute()
                .forEach(r -> targets.put(Rows.uuid(r, "id"), new Target(ConversationKind.of(Rows.string(r, "kind")),
                        Rows.bool(r, "blocked"), new HashSet<>(ConversationRepository.idList(Rows.string(r, "allowed"))))));
        return targets;
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
        Map<UUID, Reactions> reactions = new HashMap<>();
        existing.stream().collect(Collectors.groupingBy(Message::senderId)).forEach((sender, mine) ->
                reactions.putAll(messages.reactions(tx, mine.stream().map(Message::id).toList(), sender)));
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
    private RuntimeException check(DbExecute tx, SendCommand s, Target target, Map<UUID, Message> refs) {
        ConversationKind kind = target.kind();
        if (target.blocked()) {
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
            Map<UUID, Integer> counts = new LinkedHashMap<>();
            List<Message> drafts = new ArrayList<>(accepted.size());
            List<Integer> ords = new ArrayList<>(accepted.size());
            for (int i : accepted) {
                SendCommand send = sends.get(i);
                ords.add(counts.merge(send.conversationId(), 1, Integer::sum));
                drafts.add(newMessage(send, MessageRepository.SEQ_PENDING, now, refs));
            }
            List<Event> events = drafts.stream().map(m -> ChatEvents.message(m, "created")).toList();
            Map<UUID, Long> bases = messages.insertWithSeqs(tx, counts, now, drafts, ords, events);
            if (bases.size() != counts.size()) {
                throw new IllegalStateException("a conversation of the batch disappeared while sending");
            }
            Map<UUID, Integer> threadReplies = new HashMap<>();
            for (int k = 0; k < drafts.size(); k++) {
                Message m = drafts.get(k).withSeq(bases.get(drafts.get(k).conversationId()) + ords.get(k));
                out[accepted.get(k)] = new SendResult(m, true);
                if (m.threadRootId() != null) {
                    threadReplies.merge(m.threadRootId(), 1, Integer::sum);
                }
            }
            threadReplies.forEach((root, count) -> messages.threadReplied(tx, root, count, now));
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

    /**
     * Worth another attempt: an identical send committed concurrently (unique violation, read it on retry), or
     * PostgreSQL chose this transaction as a deadlock or serialization victim.
     */
    static boolean isRetryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && RETRYABLE_STATES.contains(sql.getSQLState())) {
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
                : Problems.internal("send outcome " + Objects.toString(outcome));
    }
}
