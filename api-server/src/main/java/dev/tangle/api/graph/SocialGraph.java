package dev.tangle.api.graph;

import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Repository;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/**
 * Read-only questions about the social graph that every feature asks (chat, community, presence): blocks
 * either way, friendship, group role. Pass the transaction when the answer must hold for a write.
 */
@Repository
public final class SocialGraph {

    /** A member's role in a group. */
    public enum GroupRole {
        OWNER, ADMIN, MEMBER;

        public boolean canManage() {
            return this != MEMBER;
        }
    }

    /**
     * A SQL condition that holds when the user in {@code column} and the viewer have not blocked each other;
     * bind the viewer's id to both of its two parameters, e.g. {@code .addParam(me).addParam(me)}.
     */
    public static String notBlockedWith(String column) {
        return "NOT EXISTS (SELECT 1 FROM blocks nb WHERE (nb.blocker_id = ? AND nb.blocked_id = " + column
               + ") OR (nb.blocker_id = " + column + " AND nb.blocked_id = ?))";
    }

    /** Whether either user blocked the other. */
    public boolean blockedEitherWay(DbExecute db, UUID a, UUID b) {
        return db.createGet("SELECT 1 FROM blocks WHERE (blocker_id = ? AND blocked_id = ?) OR (blocker_id = ? AND blocked_id = ?)")
                .addParam(a).addParam(b).addParam(b).addParam(a)
                .execute().isPresent();
    }

    public boolean areFriends(DbExecute db, UUID a, UUID b) {
        return db.createGet("SELECT 1 FROM friendships WHERE user_id = ? AND friend_id = ?")
                .addParam(a).addParam(b).execute().isPresent();
    }

    public Optional<GroupRole> groupRole(DbExecute db, UUID groupId, UUID userId) {
        return db.createGet("SELECT role FROM group_members WHERE group_id = ? AND user_id = ?")
                .addParam(groupId).addParam(userId).execute()
                .map(row -> GroupRole.valueOf(Rows.string(row, "role").toUpperCase()));
    }

    public boolean userExists(DbExecute db, UUID userId) {
        return db.createGet("SELECT 1 FROM users WHERE id = ?").addParam(userId).execute().isPresent();
    }

    /** Users whose content the viewer must not see: those the viewer blocked and those who blocked the viewer. */
    public java.util.Set<UUID> blockedEitherWay(DbExecute db, UUID viewer) {
        java.util.Set<UUID> hidden = new java.util.HashSet<>();
        db.createQuery("SELECT blocked_id AS id FROM blocks WHERE blocker_id = ? "
                        + "UNION SELECT blocker_id FROM blocks WHERE blocked_id = ?")
                .addParam(viewer).addParam(viewer).execute()
                .forEach(row -> hidden.add(Rows.uuid(row, "id")));
        return hidden;
    }

    /** Whether the group exists and is public. */
    public boolean isPublicGroup(DbExecute db, UUID groupId) {
        return db.createGet("SELECT 1 FROM groups WHERE id = ? AND visibility = 'public'")
                .addParam(groupId).execute().isPresent();
    }

    /** Which of {@code ids} are friends of {@code me}. */
    public java.util.Set<UUID> friendsAmong(DbExecute db, UUID me, java.util.Collection<UUID> ids) {
        java.util.Set<UUID> friends = new java.util.LinkedHashSet<>();
        db.createQuery("SELECT friend_id FROM friendships WHERE user_id = ? AND friend_id = ANY(?::uuid[])")
                .addParam(me).addParam(Rows.array(ids.stream().map(UUID::toString).toList())).execute()
                .forEach(row -> friends.add(Rows.uuid(row, "friend_id")));
        return friends;
    }

    /** The members of a group, if {@code me} is one of them (else none). */
    public java.util.List<UUID> groupMembersSeenBy(DbExecute db, UUID groupId, UUID me) {
        return db.createQuery("SELECT user_id FROM group_members WHERE group_id = ? "
                              + "AND EXISTS (SELECT 1 FROM group_members g WHERE g.group_id = ? AND g.user_id = ?)")
                .addParam(groupId).addParam(groupId).addParam(me).execute()
                .map(row -> Rows.uuid(row, "user_id")).toList();
    }

    /** Those of {@code users} with no block either way with {@code me}. */
    public java.util.List<UUID> notBlockedAmong(DbExecute db, UUID me, java.util.Collection<UUID> users) {
        return db.createQuery("SELECT u FROM unnest(?::uuid[]) AS t(u) WHERE " + notBlockedWith("u"))
                .addParam(Rows.array(users.stream().map(UUID::toString).toList())).addParam(me).addParam(me)
                .execute().map(row -> Rows.uuid(row, "u")).toList();
    }
}
