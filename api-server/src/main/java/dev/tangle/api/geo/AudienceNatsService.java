package dev.tangle.api.geo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.chat.conversation.ConversationService;
import dev.tangle.common.contract.AudienceContract;
import dev.tangle.common.contract.AudienceContract.AudienceReply;
import dev.tangle.common.contract.AudienceContract.AudienceRequest;
import dev.tangle.common.contract.AudienceContract.DirectReply;
import dev.tangle.common.contract.AudienceContract.DirectRequest;
import dev.tangle.common.db.Database;
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
    private final AudienceRepository repository = new AudienceRepository();

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
            Set<UUID> friends = repository.friendsAmong(read, me, ids);
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
            List<UUID> ids = repository.groupMembersSeenBy(read, id(q.groupId(), "groupId"), me);
            if (ids.isEmpty()) {
                throw Problems.notFound("Group");
            }
            members.addAll(ids);
        }
        members.remove(me);
        return new AudienceReply(members.isEmpty() ? List.of()
                : repository.notBlockedWith(read, me, members).stream().map(UUID::toString).toList());
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
