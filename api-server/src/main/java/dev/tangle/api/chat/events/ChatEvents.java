package dev.tangle.api.chat.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.tangle.common.contract.chat.ChatEventData.ConversationAdded;
import dev.tangle.common.contract.chat.ChatEventData.ConversationEvent;
import dev.tangle.common.contract.chat.ChatEventData.MemberEvent;
import dev.tangle.common.contract.chat.ChatEventData.MessageEvent;
import dev.tangle.common.contract.chat.ChatEventData.ReadEvent;
import dev.tangle.common.contract.chat.Conversation;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.event.Event;
import dev.tangle.common.outbox.Outbox;
import io.helidon.dbclient.DbExecute;

/**
 * Every chat event, written to the outbox inside the caller's transaction. Subjects and payloads are documented
 * in {@code docs/events.md} (Chat).
 */
public final class ChatEvents {

    public static final String SERVICE = "api-server";
    static final String CHAT = "chat";
    static final String USER = "user";

    private ChatEvents() {
    }

    /** {@code message.created|edited|deleted|reaction}: {@code {conversationId, message}} without {@code mine}. */
    public static Event message(Message message, String event) {
        return Event.of(SERVICE, CHAT, message.conversationId(), "message." + event,
                new MessageEvent(message.conversationId(), message.withReactions(message.reactions().countsOnly())));
    }

    public static void messages(DbExecute tx, List<Message> messages, String event) {
        Outbox.addAll(tx, messages.stream().map(m -> message(m, event)).toList());
    }

    /** {@code read}: {@code {conversationId, userId, seq, threadRootId?}}. */
    public static void read(DbExecute tx, UUID conversationId, UUID userId, long seq, UUID threadRootId) {
        Outbox.add(tx, Event.of(SERVICE, CHAT, conversationId, "read",
                new ReadEvent(conversationId, userId, seq, threadRootId)));
    }

    /** {@code conversation.created} plus, for each member, {@code user.conversation.added} (and a notification). */
    public static void created(DbExecute tx, Conversation conversation, UUID actorId) {
        List<Event> events = new ArrayList<>();
        events.add(Event.of(SERVICE, CHAT, conversation.id(), "conversation.created", new ConversationEvent(conversation)));
        for (UUID member : conversation.memberIds()) {
            addedTo(events, conversation, member, actorId);
        }
        Outbox.addAll(tx, events);
    }

    public static void updated(DbExecute tx, Conversation conversation) {
        Outbox.add(tx, Event.of(SERVICE, CHAT, conversation.id(), "conversation.updated", new ConversationEvent(conversation)));
    }

    /**
     * {@code member.added} and the member's {@code user.conversation.added}; a {@code notification} when
     * {@code actorId} (who added them) is someone else; null actor (channel sync) notifies nobody.
     */
    public static void memberAdded(DbExecute tx, Conversation conversation, UUID userId, UUID actorId) {
        List<Event> events = new ArrayList<>();
        events.add(Event.of(SERVICE, CHAT, conversation.id(), "member.added",
                new MemberEvent(conversation.id(), userId)));
        addedTo(events, conversation, userId, actorId);
        Outbox.addAll(tx, events);
    }

    /** {@code member.removed} and the former member's {@code user.conversation.removed}. */
    public static void memberRemoved(DbExecute tx, Conversation conversation, UUID userId) {
        Outbox.addAll(tx, List.of(
                Event.of(SERVICE, CHAT, conversation.id(), "member.removed",
                        new MemberEvent(conversation.id(), userId)),
                Event.of(SERVICE, USER, userId, "conversation.removed", new ConversationEvent(conversation))));
    }

    private static void addedTo(List<Event> events, Conversation conversation, UUID userId, UUID actorId) {
        events.add(Event.of(SERVICE, USER, userId, "conversation.added", new ConversationEvent(conversation)));
        if (actorId != null && !actorId.equals(userId)) {
            events.add(Event.of(SERVICE, USER, userId, "notification",
                    new ConversationAdded(conversation.id(), actorId)));
        }
    }
}
