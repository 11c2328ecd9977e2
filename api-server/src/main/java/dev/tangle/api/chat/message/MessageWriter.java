package dev.tangle.api.chat.message;

import java.nio.charset.StandardCharsets;
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
import java.util.stream.Collectors;

import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.chat.events.ChatEvents;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.contract.chat.Reactions;
import dev.tangle.common.db.CommitOutcomeUnknownException;
import dev.tangle.common.db.Database;
import dev.tangle.common.db.DbFailures;
import dev.tangle.common.db.Repository;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.json.Json;
import dev.tangle.common.outbox.OutboxPublisher;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/**
 * Commits a batch of sends, to any number of conversations, in one statement run in autocommit: one round trip and
 * one WAL flush ({@link MessageRepository#send}: who may send, earlier sends with the same keys, seqs under the
 * conversations' row locks, messages, outbox rows, thread counts), after a read of the references when a send has
 * any. It runs on the writers' own pool, whose sessions plan with generic plans (ADRs 0126, 0150). Each send gets
 * its own outcome (a result or the error for that send alone). The {@code message.created} events are encoded
 * once, here; after the commit they go straight to JetStream in commit order ({@link OutboxPublisher}), and the
 * relay publishes what JetStream did not acknowledge (ADRs 0125, 0126).
 */
@Repository
final class MessageWriter {

    private static final int ATTEMPTS = 3;
    private static final Set<String> RETRYABLE_STATES = Set.of("23505", "40P01", "40001");
    private static final byte[] SEQ_FIELD = ("\"seq\":" + MessageRepository.SEQ_PENDING).getBytes(StandardCharsets.UTF_8);
    private static final int SEQ_KEY_LENGTH = "\"seq\":".length();

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

    /** A transaction's outcomes and the events it committed. */
    private record Attempt(Object[] outcomes, List<OutboxPublisher.Committed> events) {
    }

    /** A draft's event payload: the JSON with the placeholder seq, and where the seq's digits go. */
    private record Payload(byte[] json, int seqAt) {
        byte[] withSeq(long seq) {
            byte[] digits = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
            int tail = seqAt + SEQ_FIELD.length - SEQ_KEY_LENGTH;
            byte[] out = new byte[seqAt + digits.length + json.length - tail];
            System.arraycopy(json, 0, out, 0, seqAt);
            System.arraycopy(digits, 0, out, seqAt, digits.length);
            System.arraycopy(json, tail, out, seqAt + digits.length, json.length - tail);
            return out;
        }
    }

    /** One outcome per send, in order: a {@link SendResult} or a {@link RuntimeException}. */
    List<Object> write(List<SendCommand> sends) {
        for (int attempt = 1; ; attempt++) {
            Attempt done;
            try {
                // one statement in autocommit: the row locks live inside PostgreSQL only (statement + WAL flush)
                done = db.autocommit(tx -> writeOnce(tx, sends));
            } catch (RuntimeException e) {
                // an identical send committed concurrently (read it on retry), or a deadlock/serialization victim
                if (attempt < ATTEMPTS && isRetryable(e)) {
                    continue;
                }
                throw e;
            }
            // one writer per stripe and a conversation always on the same stripe: taken in commit order
            relay.publisher().reserve().publish(done.events());
            return List.of(done.outcomes());
        }
    }

    /**
     * A failure of the send statement: a connection that broke after the statement was sent leaves its commit
     * unknown ({@link CommitOutcomeUnknownException}); no connection at all means nothing was written.
     */
    private static RuntimeException outcomeOf(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return e;
            }
        }
        return DbFailures.isConnectionFailure(e) ? new CommitOutcomeUnknownException(e) : e;
    }

    private Attempt writeOnce(DbExecute tx, List<SendCommand> sends) {
        int n = sends.size();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<UUID, Message> refs = references(tx, sends);
        List<MessageRepository.Draft> drafts = new ArrayList<>(n);
        List<Payload> payloads = new ArrayList<>(n);
        for (SendCommand send : sends) {
            Message draft = newMessage(send, MessageRepository.SEQ_PENDING, now, refs);
            Event event = ChatEvents.message(draft, "created");
            byte[] json = Json.write(event);
            int at = indexOf(json, SEQ_FIELD) + SEQ_KEY_LENGTH;
            payloads.add(new Payload(json, at));
            drafts.add(new MessageRepository.Draft(draft, UUID.fromString(event.id()), event.natsSubject(),
                    new String(json, 0, at, StandardCharsets.UTF_8),
                    new String(json, at + SEQ_FIELD.length - SEQ_KEY_LENGTH, json.length - at - SEQ_FIELD.length
                                                                               + SEQ_KEY_LENGTH, StandardCharsets.UTF_8),
                    referenceProblem(tx, send, refs)));
        }
        List<MessageRepository.Written> written;
        try {
            written = messages.send(tx, drafts, now);
        } catch (RuntimeException e) {
            throw outcomeOf(e);
        }
        Map<String, Message> earlier = earlier(tx, sends, written);
        Object[] out = new Object[n];
        List<OutboxPublisher.Committed> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SendCommand send = sends.get(i);
            MessageRepository.Written w = written.get(i);
            out[i] = switch (w.status()) {
                case "ok" -> {
                    if (w.seq() == null) {
                        yield Problems.notFound("Conversation"); // deleted while sending
                    }
                    MessageRepository.Draft d = drafts.get(i);
                    events.add(new OutboxPublisher.Committed(d.eventId(), d.subject(), payloads.get(i).withSeq(w.seq())));
                    yield new SendResult(d.message().withSeq(w.seq()), true);
                }
                case "exists" -> {
                    Message m = earlier.get(send.senderId() + "/" + send.clientMsgId());
                    yield m == null ? Problems.internal("earlier send of " + send.clientMsgId() + " not found")
                            : m.conversationId().equals(send.conversationId()) ? new SendResult(m, false)
                            : Problems.conflict("clientMsgId " + send.clientMsgId() + " was used for another conversation");
                }
                case "repeat" -> new Repeat(firstOfKey(sends, written, i));
                default -> problem(w.status());
            };
        }
        for (int i = 0; i < n; i++) {
            if (out[i] instanceof Repeat repeat) {
                out[i] = out[repeat.index()] instanceof SendResult first ? new SendResult(first.message(), false)
                        : out[repeat.index()];
            }
        }
        return new Attempt(out, events);
    }

    /** The first send of the batch with the same key that was not refused before the repeat check. */
    private static int firstOfKey(List<SendCommand> sends, List<MessageRepository.Written> written, int i) {
        SendCommand send = sends.get(i);
        for (int j = 0; j < i; j++) {
            String status = written.get(j).status();
            if (!status.equals("not_found") && !status.equals("exists")
                && send.sameKey(sends.get(j).senderId(), sends.get(j).clientMsgId())) {
                return j;
            }
        }
        throw new IllegalStateException("repeat without a first send");
    }

    /** Earlier messages of the sends the statement found already sent, by {@code sender/clientMsgId}. */
    private Map<String, Message> earlier(DbExecute tx, List<SendCommand> sends, List<MessageRepository.Written> written) {
        List<SendCommand> retried = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            if (written.get(i).status().equals("exists")) {
                retried.add(sends.get(i));
            }
        }
        if (retried.isEmpty()) {
            return Map.of();
        }
        List<Message> existing = messages.findByKeys(tx, retried);
        Map<UUID, Reactions> reactions = new HashMap<>();
        existing.stream().collect(Collectors.groupingBy(Message::senderId)).forEach((sender, mine) ->
                reactions.putAll(messages.reactions(tx, mine.stream().map(Message::id).toList(), sender)));
        Map<String, Message> byKey = new HashMap<>();
        existing.forEach(m -> byKey.put(m.senderId() + "/" + m.clientMsgId(), m.withReactions(reactions.get(m.id()))));
        return byKey;
    }

    private Map<UUID, Message> references(DbExecute tx, List<SendCommand> sends) {
        Set<UUID> ids = new HashSet<>();
        sends.forEach(s -> ids.addAll(s.references()));
        Map<UUID, Message> byId = new HashMap<>(); // get(null) is asked for absent references
        if (ids.isEmpty()) {
            return byId;
        }
        messages.findByIds(tx, ids).forEach(m -> byId.put(m.id(), m));
        return byId;
    }

    /** What is wrong with a send's references (a status of {@link MessageRepository#send}), or null. */
    private String referenceProblem(DbExecute tx, SendCommand s, Map<UUID, Message> refs) {
        if (!inConversation(refs.get(s.replyToId()), s.replyToId(), s.conversationId())) {
            return "reply_to";
        }
        if (!inConversation(refs.get(s.quoteOfId()), s.quoteOfId(), s.conversationId())) {
            return "quote_of";
        }
        if (s.threadRootId() != null) {
            Message root = refs.get(s.threadRootId());
            if (!inConversation(root, s.threadRootId(), s.conversationId()) || root.threadRootId() != null) {
                return "thread_root";
            }
        }
        if (s.forwardOfId() != null) {
            Message original = refs.get(s.forwardOfId());
            if (original == null || original.deleted()
                || !conversations.isMember(tx, original.conversationId(), s.senderId())) {
                return "forward_of";
            }
        }
        return null;
    }

    /** The error of a send the statement refused. */
    private static RuntimeException problem(String status) {
        return switch (status) {
            case "not_found" -> Problems.notFound("Conversation");
            case "blocked" -> Problems.forbidden("Messages between these users are blocked");
            case "position_required" -> Problems.validation("position", "is required in a canvas conversation");
            case "position_forbidden" -> Problems.validation("position", "is only allowed in a canvas conversation");
            case "reply_to" -> Problems.validation("replyToId", "no such message in this conversation");
            case "quote_of" -> Problems.validation("quoteOfId", "no such message in this conversation");
            case "thread_root" -> Problems.validation("threadRootId", "no such top-level message in this conversation");
            case "forward_of" -> Problems.validation("forwardOfId", "no such message in a conversation you can read");
            default -> Problems.internal("send status " + status);
        };
    }

    private static boolean inConversation(Message ref, UUID id, UUID conversationId) {
        return id == null || ref != null && ref.conversationId().equals(conversationId);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no seq placeholder in the event payload");
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
