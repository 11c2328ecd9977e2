package dev.tangle.api.chat.conversation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.api.chat.events.ChatEvents;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.contract.chat.Conversation;
import dev.tangle.common.contract.chat.Message;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;

/** Creating conversations of each kind, listing them, and managing members. */
public final class ConversationService {

    private final Database db;
    private final OutboxRelay relay;
    private final SocialGraph graph;
    private final ConversationRepository conversations;
    private final LastMessages messages;

    /**
     * A create that may have found the existing direct conversation instead.
     *
     * @param conversation the conversation as the caller sees it
     * @param created      whether this call created it
     */
    public record Created(Conversation conversation, boolean created) {
    }

    public ConversationService(Database db, OutboxRelay relay, SocialGraph graph, ConversationRepository conversations,
                               LastMessages messages) {
        this.db = db;
        this.relay = relay;
        this.graph = graph;
        this.conversations = conversations;
        this.messages = messages;
    }

    /** The pair's one direct conversation: created (true) or the existing one (false). */
    public Created createDirect(UUID me, UUID other) {
        if (me.equals(other)) {
            throw Problems.validation("userId", "must be another user");
        }
        boolean meFirst = me.toString().compareTo(other.toString()) < 0;
        UUID low = meFirst ? me : other;
        UUID high = meFirst ? other : me;
        Created result = db.inTransaction(tx -> {
            if (!graph.userExists(tx, other) || graph.blockedEitherWay(tx, me, other)) {
                throw Problems.notFound("User");
            }
            ConversationRow row = newRow(ConversationKind.DIRECT, null, null, me, low, high);
            if (!conversations.insert(tx, row)) {
                return new Created(view(tx, conversations.findDirect(tx, low, high).orElseThrow(), me), false);
            }
            return new Created(announceCreated(tx, row, List.of(me, other), me), true);
        });
        relay.kick();
        return result;
    }

    /** A group or canvas conversation of the caller and {@code memberIds}. */
    public Conversation createAdHoc(UUID me, ConversationKind kind, String title, List<UUID> memberIds) {
        Conversation result = db.inTransaction(tx -> {
            for (int i = 0; i < memberIds.size(); i++) {
                UUID id = memberIds.get(i);
                if (!id.equals(me) && (!graph.userExists(tx, id) || graph.blockedEitherWay(tx, me, id))) {
                    throw Problems.validation("memberIds[" + i + "]", "no such user");
                }
            }
            LinkedHashSet<UUID> members = new LinkedHashSet<>();
            members.add(me);
            members.addAll(memberIds);
            ConversationRow row = newRow(kind, title, null, me, null, null);
            conversations.insert(tx, row);
            return announceCreated(tx, row, List.copyOf(members), me);
        });
        relay.kick();
        return result;
    }

    /** A channel of a group the caller belongs to; its members are the group's. */
    public Conversation createChannel(UUID me, UUID groupId, String title) {
        Conversation result = db.inTransaction(tx -> {
            if (graph.groupRole(tx, groupId, me).isEmpty()) {
                throw Problems.notFound("Group");
            }
            ConversationRow row = newRow(ConversationKind.CHANNEL, title, groupId, me, null, null);
            List<UUID> members = conversations.memberIds(tx, row);
            conversations.insert(tx, row);
            return announceCreated(tx, row, members, me);
        });
        relay.kick();
        return result;
    }

    public Conversation get(UUID me, UUID id) {
        DbExecute read = db.client().execute();
        return view(read, visible(read, id, me), me);
    }

    /** The caller's conversations, most recent activity first. */
    public Page<Conversation> list(UUID me, PageRequest page) {
        DbExecute read = db.client().execute();
        Optional<List<String>> keys = page.keys(2);
        List<ConversationRepository.Listed> rows = conversations.list(read, me,
                keys.map(k -> dev.tangle.common.page.Cursor.instant(k.get(0))), keys.map(k -> dev.tangle.common.page.Cursor.uuid(k.get(1))), page.fetchSize());
        Map<UUID, Long> lastSeqs = new java.util.HashMap<>();
        rows.stream().filter(r -> r.row().lastSeq() > 0).forEach(r -> lastSeqs.put(r.row().id(), r.row().lastSeq()));
        Map<UUID, Message> last = messages.of(read, lastSeqs, me);
        List<Conversation> items = new ArrayList<>(rows.size());
        rows.forEach(r -> items.add(conversation(r, last.get(r.row().id()))));
        return Page.of(items, page, c -> List.of(c.lastActivityAt().toString(), c.id().toString()));
    }

    /** Renames a group, canvas or channel: its creator (or, for a channel, a group owner or admin). */
    public Conversation rename(UUID me, UUID id, String title) {
        Conversation result = db.inTransaction(tx -> {
            ConversationRow row = visible(tx, id, me);
            if (row.kind() == ConversationKind.DIRECT) {
                throw Problems.conflict("A direct conversation has no title");
            }
            boolean manager = row.createdBy().equals(me) || row.kind() == ConversationKind.CHANNEL
                                                            && graph.groupRole(tx, row.groupId(), me).map(SocialGraph.GroupRole::canManage).orElse(false);
            if (!manager) {
                throw Problems.forbidden("Only the creator may rename this conversation");
            }
            conversations.updateTitle(tx, id, title);
            ConversationRow renamed = conversations.find(tx, id).orElseThrow();
            ChatEvents.updated(tx, renamed.toConversation(conversations.memberIds(tx, renamed)));
            return view(tx, renamed, me);
        });
        relay.kick();
        return result;
    }

    /** The creator adds a member to a group or canvas conversation; adding a member again changes nothing. */
    public Conversation addMember(UUID me, UUID id, UUID userId) {
        Conversation result = db.inTransaction(tx -> {
            ConversationRow row = managed(tx, id, me);
            if (!row.createdBy().equals(me)) {
                throw Problems.forbidden("Only the creator manages the members");
            }
            if (!graph.userExists(tx, userId) || graph.blockedEitherWay(tx, me, userId)) {
                throw Problems.notFound("User");
            }
            if (!conversations.addMembers(tx, id, List.of(userId)).isEmpty()) {
                ChatEvents.memberAdded(tx, row.toConversation(conversations.memberIds(tx, row)), userId, me);
            }
            return view(tx, row, me);
        });
        relay.kick();
        return result;
    }

    /** A member leaves, or the creator removes one, from a group or canvas conversation. */
    public void removeMember(UUID me, UUID id, UUID userId) {
        db.inTransaction(tx -> {
            ConversationRow row = managed(tx, id, me);
            if (!me.equals(userId) && !row.createdBy().equals(me)) {
                throw Problems.forbidden("Only the creator removes other members");
            }
            if (!conversations.removeMember(tx, id, userId)) {
                throw Problems.notFound("Member");
            }
            ChatEvents.memberRemoved(tx, row.toConversation(conversations.memberIds(tx, row)), userId);
            return null;
        });
        relay.kick();
    }

    /** Members of a conversation the caller belongs to. */
    public List<UUID> memberIds(UUID me, UUID id) {
        DbExecute read = db.client().execute();
        return conversations.memberIds(read, visible(read, id, me));
    }

    public List<UUID> conversationIds(UUID me) {
        return conversations.conversationIdsOf(db.client().execute(), me);
    }

    /**
     * Brings the user's membership of every channel of the group in line with {@code group_members} (the truth),
     * announcing what changed. Idempotent, so group events may arrive twice or late.
     */
    public void syncChannels(UUID groupId, UUID userId) {
        db.inTransaction(tx -> {
            // serializes concurrent syncs of the same (group, user) across instances
            conversations.lockMembershipSync(tx, groupId, userId);
            boolean inGroup = graph.groupRole(tx, groupId, userId).isPresent();
            for (ConversationRow channel : conversations.channelsOfGroup(tx, groupId)) {
                if (inGroup && !conversations.addMembers(tx, channel.id(), List.of(userId)).isEmpty()) {
                    ChatEvents.memberAdded(tx, channel.toConversation(conversations.memberIds(tx, channel)), userId, null);
                } else if (!inGroup && conversations.removeMember(tx, channel.id(), userId)) {
                    ChatEvents.memberRemoved(tx, channel.toConversation(conversations.memberIds(tx, channel)), userId);
                }
            }
            return null;
        });
        relay.kick();
    }

    private ConversationRow managed(DbExecute tx, UUID id, UUID me) {
        ConversationRow row = visible(tx, id, me);
        if (!row.kind().managedMembers()) {
            throw Problems.conflict("Members of a " + row.kind().wire() + " conversation cannot be changed here");
        }
        return row;
    }

    private ConversationRow visible(DbExecute db, UUID id, UUID me) {
        return conversations.findVisible(db, id, me).orElseThrow(() -> Problems.notFound("Conversation"));
    }

    /** Adds the first members of an inserted conversation and announces it. */
    private Conversation announceCreated(DbExecute tx, ConversationRow row, List<UUID> members, UUID me) {
        conversations.addMembers(tx, row.id(), members);
        ChatEvents.created(tx, row.toConversation(members), me);
        return conversation(new ConversationRepository.Listed(row, members, 0, 0), null);
    }

    private Conversation view(DbExecute db, ConversationRow row, UUID me) {
        var state = conversations.readState(db, row, me, conversations.memberIds(db, row));
        Message last = row.lastSeq() == 0 ? null : messages.of(db, Map.of(row.id(), row.lastSeq()), me).get(row.id());
        return conversation(state, last);
    }

    private static Conversation conversation(ConversationRepository.Listed r, Message last) {
        ConversationRow row = r.row();
        return new Conversation(row.id(), row.kind().wire(), row.title(), row.groupId(), row.createdBy(), r.memberIds(),
                row.lastSeq(), last, r.unread(), r.readSeq(), row.lastActivityAt(), row.createdAt());
    }

    private static ConversationRow newRow(ConversationKind kind, String title, UUID groupId, UUID createdBy, UUID low,
                                          UUID high) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new ConversationRow(Ids.newId(), kind, title, groupId, createdBy, low, high, 0, now, now);
    }
}
