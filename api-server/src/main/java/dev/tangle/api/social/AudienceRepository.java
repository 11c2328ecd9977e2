package dev.tangle.api.social;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** SQL of share audiences ({@link AudienceNatsService}). */
public final class AudienceRepository {

    /** Which of {@code ids} are friends of {@code me}. */
    public Set<UUID> friendsAmong(DbExecute db, UUID me, Collection<UUID> ids) {
        return db.createQuery("SELECT friend_id FROM friendships WHERE user_id = ? AND friend_id = ANY(?::uuid[])")
                .addParam(me).addParam(Rows.array(ids.stream().map(UUID::toString).toList())).execute()
                .map(row -> Rows.uuid(row, "friend_id")).collect(Collectors.toSet());
    }

    /** The group's members if {@code me} is one of them, else nothing. */
    public List<UUID> groupMembersFor(DbExecute db, UUID groupId, UUID me) {
        return db.createQuery("SELECT user_id FROM group_members WHERE group_id = ? "
                              + "AND EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = ? AND g.user_id = ?)")
                .addParam(groupId).addParam(groupId).addParam(me).execute()
                .map(row -> Rows.uuid(row, "user_id")).toList();
    }

    /** Those of {@code members} not blocked either way with {@code me}. */
    public List<String> notBlocked(DbExecute db, UUID me, Collection<UUID> members) {
        return db.createQuery("SELECT u FROM unnest(?::uuid[]) AS t(u) WHERE " + SocialGraph.notBlockedWith("u"))
                .addParam(Rows.array(members.stream().map(UUID::toString).toList())).addParam(me).addParam(me)
                .execute().map(row -> Rows.uuid(row, "u").toString()).toList();
    }
}
