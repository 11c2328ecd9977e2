package dev.tangle.api.social;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.chat.conversation.ConversationService;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.contract.AudienceContract;
import dev.tangle.common.contract.AudienceContract.AudienceReply;
import dev.tangle.common.contract.AudienceContract.AudienceRequest;
import dev.tangle.common.contract.AudienceContract.DirectReply;
import dev.tangle.common.contract.AudienceContract.DirectRequest;
import dev.tangle.common.db.Database;
import dev.tangle.common.db.Rows;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.nats.service.NatsService;
import io.helidon.dbclient.DbExecute;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;

/**
 * {@code tangle.svc.social.audience} and {@code tangle.svc.chat.direct} ({@link AudienceContract}) for geo-service:
 * who a location share may reach, and the direct conversation an SOS message goes to.
 */
public final class AudienceNatsService {

    private static final int MAX_USERS = 500;

    private final Database db;
    private final ConversationService conversations;

    private AudienceNatsService(Database db, ConversationService conversations) {
        this.db = db;
        this.conversations = conversations;
    }

    public static NatsService start(Connection nats, MeterRegistry meters, Database db, ConversationService conversations) {
        AudienceNatsService s = new AudienceNatsService(db, conversations);
        return NatsService.builder(nats, "tangle-audience", "1.0.0").queue("api-server").meters(meters)
                .description("Share audiences and direct conversations for geo-service")
                .endpoint(AudienceContract.AUDIENCE, s::audience)
                .endpoint(AudienceContract.DIRECT, s::direct)
                .start();
    }

    AudienceReply audience(AudienceRequest q) {
        UUID me = id(q.userId(), "userId");
        DbExecute read = db.client().execute();
        Set<UUID> members = new LinkedHashSet<>();
        if (q.userIds() != null) {
            if (q.userIds().size() > MAX_USERS) {
                throw Problems.validation("userIds", "at most " + MAX_USERS + " users");
            }
            List<UUID> ids = new ArrayList<>();
            for (String s : q.userIds()) {
                ids.add(id(s, "userIds"));
            }
            Set<UUID> friends = new LinkedHashSet<>();
            read.createQuery("SELECT friend_id FROM friendships WHERE user_id = ? AND friend_id = ANY(?::uuid[])")
                    .addParam(me).addParam(Rows.array(ids.stream().map(UUID::toString).toList())).execute()
                    .forEach(row -> friends.add(Rows.uuid(row, "friend_id")));
            for (UUID id : ids) {
                if (!friends.contains(id)) {
                    throw Problems.validation("userIds", "must all be friends of the caller (" + id + " is not)");
                }
            }
            members.addAll(ids);
        }
        if (q.conversationId() != null) {
            members.addAll(conversations.memberIds(me, id(q.conversationId(), "conversationId")));
        }
        if (q.groupId() != null) {
            UUID groupId = id(q.groupId(), "groupId");
            List<UUID> ids = read.createQuery("SELECT user_id FROM group_members WHERE group_id = ? "
                                               + "AND EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = ? AND g.user_id = ?)")
                    .addParam(groupId).addParam(groupId).addParam(me).execute()
                    .map(row -> Rows.uuid(row, "user_id")).toList();
            if (ids.isEmpty()) {
                throw Problems.notFound("Group");
            }
            members.addAll(ids);
        }
        members.remove(me);
        if (members.isEmpty()) {
            return new AudienceReply(List.of());
        }
        List<String> visible = read.createQuery("SELECT u FROM unnest(?::uuid[]) AS t(u) WHERE "
                                                + SocialGraph.notBlockedWith("u"))
                .addParam(Rows.array(members.stream().map(UUID::toString).toList())).addParam(me).addParam(me)
                .execute().map(row -> Rows.uuid(row, "u").toString()).toList();
        return new AudienceReply(visible);
    }

    DirectReply direct(DirectRequest q) {
        UUID me = id(q.userId(), "userId");
        UUID other = id(q.otherUserId(), "otherUserId");
        return new DirectReply(conversations.createDirect(me, other).conversation().id().toString());
    }

    private static UUID id(String value, String field) {
        return Ids.parse(value).orElseThrow(() -> Problems.validation(field, "is required and must be an id"));
    }
}
