package dev.tangle.api.geo;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** The social-graph reads behind {@code tangle.svc.social.audience}. */
final class AudienceRepository {

    Set<UUID> friendsAmong(DbExecute db, UUID me, Collection<UUID> ids) {
        Set<UUID> friends = new HashSet<>();
        db.createQuery("SELECT friend_id FROM friendships WHERE user_id = ? AND friend_id = ANY(?::uuid[])")
                .addParam(me).addParam(Rows.uuidArray(ids)).execute()
                .forEach(row -> friends.add(Rows.uuid(row, "friend_id")));
        return friends;
    }

    /** The group's members when {@code me} is one of them, else empty. */
    List<UUID> groupMembersSeenBy(DbExecute db, UUID groupId, UUID me) {
        return db.createQuery("SELECT user_id FROM group_members WHERE group_id = ? "
                              + "AND EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = ? AND g.user_id = ?)")
                .addParam(groupId).addParam(groupId).addParam(me).execute()
                .map(row -> Rows.uuid(row, "user_id")).toList();
    }

    /** Those of {@code users} that neither blocked {@code me} nor were blocked by them. */
    List<UUID> notBlockedWith(DbExecute db, UUID me, Collection<UUID> users) {
        return db.createQuery("SELECT u FROM unnest(?::uuid[]) AS t(u) WHERE " + SocialGraph.notBlockedWith("u"))
                .addParam(Rows.uuidArray(users)).addParam(me).addParam(me)
                .execute().map(row -> Rows.uuid(row, "u")).toList();
    }
}
