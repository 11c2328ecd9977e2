package dev.tangle.api.groups;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.users.UserRepository;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code groups} and {@code group_members}. */
public final class GroupRepository {

    private static final String GROUP = "g.id, g.name, g.description, g.visibility, g.created_at, "
            + "(SELECT m.role FROM group_members m WHERE m.group_id = g.id AND m.user_id = ?) AS my_role, "
            + "(SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS member_count";

    public void insert(DbExecute tx, UUID id, String name, String description, String visibility, UUID createdBy,
                       Instant now) {
        tx.createInsert("INSERT INTO groups (id, name, description, visibility, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .addParam(id).addParam(name).addParam(description).addParam(visibility).addParam(createdBy)
                .addParam(Rows.ts(now)).execute();
    }

    /** The group as {@code viewer} sees it (with {@code myRole}), visible or not. */
    public Optional<Group> find(DbExecute db, UUID id, UUID viewer) {
        return db.createGet("SELECT " + GROUP + " FROM groups g WHERE g.id = ?").addParam(viewer).addParam(id)
                .execute().map(GroupRepository::group);
    }

    /** Locks the group row for the rest of the transaction: membership changes of one group are serialized. */
    public boolean lock(DbExecute tx, UUID id) {
        return tx.createGet("SELECT id FROM groups WHERE id = ? FOR UPDATE").addParam(id).execute().isPresent();
    }

    public void update(DbExecute tx, UUID id, String name, String description, String visibility) {
        tx.createUpdate("UPDATE groups SET name = coalesce(?, name), description = coalesce(?, description), "
                        + "visibility = coalesce(?, visibility) WHERE id = ?")
                .addParam(name).addParam(description).addParam(visibility).addParam(id).execute();
    }

    /** The groups {@code me} belongs to, newest first, before {@code beforeId}. */
    public List<Group> mine(DbExecute db, UUID me, UUID beforeId, int limit) {
        return db.createQuery("SELECT " + GROUP + " FROM groups g JOIN group_members gm ON gm.group_id = g.id AND gm.user_id = ? "
                              + (beforeId == null ? "" : "WHERE g.id < ? ") + "ORDER BY g.id DESC LIMIT " + limit)
                .params(beforeId == null ? List.of(me, me) : List.of(me, me, beforeId))
                .execute().map(GroupRepository::group).toList();
    }

    /** Members in user-id order after {@code afterUserId}, without users hidden from {@code viewer} by a block. */
    public List<GroupMember> members(DbExecute db, UUID groupId, UUID viewer, UUID afterUserId, int limit) {
        return db.createQuery("SELECT gm.group_id, gm.role, gm.joined_at, " + UserRepository.columns("u")
                              + " FROM group_members gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = ? AND "
                              + SocialGraph.notBlockedWith("u.id") + (afterUserId == null ? "" : " AND u.id > ?")
                              + " ORDER BY u.id LIMIT " + limit)
                .params(afterUserId == null ? List.of(groupId, viewer, viewer) : List.of(groupId, viewer, viewer, afterUserId))
                .execute().map(GroupRepository::member).toList();
    }

    public Optional<GroupMember> member(DbExecute db, UUID groupId, UUID userId) {
        return db.createGet("SELECT gm.group_id, gm.role, gm.joined_at, " + UserRepository.columns("u")
                            + " FROM group_members gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = ? AND gm.user_id = ?")
                .addParam(groupId).addParam(userId).execute().map(GroupRepository::member);
    }

    private static GroupMember member(DbRow row) {
        return new GroupMember(Rows.uuid(row, "group_id"), Rows.uuid(row, "id"), Rows.string(row, "role"),
                Rows.instant(row, "joined_at"), UserRepository.user(row));
    }

    /** Adds a member; false if the user already is one. */
    public boolean addMember(DbExecute tx, UUID groupId, UUID userId, String role, Instant now) {
        return tx.createInsert("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, ?, ?) "
                               + "ON CONFLICT DO NOTHING")
                .addParam(groupId).addParam(userId).addParam(role).addParam(Rows.ts(now)).execute() > 0;
    }

    public void removeMember(DbExecute tx, UUID groupId, UUID userId) {
        tx.createDelete("DELETE FROM group_members WHERE group_id = ? AND user_id = ?").addParam(groupId).addParam(userId).execute();
    }

    public void setRole(DbExecute tx, UUID groupId, UUID userId, String role) {
        tx.createUpdate("UPDATE group_members SET role = ? WHERE group_id = ? AND user_id = ?")
                .addParam(role).addParam(groupId).addParam(userId).execute();
    }

    public long owners(DbExecute tx, UUID groupId) {
        return tx.createGet("SELECT count(*) AS n FROM group_members WHERE group_id = ? AND role = 'owner'")
                .addParam(groupId).execute().map(row -> Rows.longValue(row, "n")).orElse(0L);
    }

    private static Group group(DbRow row) {
        return new Group(Rows.uuid(row, "id"), Rows.string(row, "name"), Rows.string(row, "description"),
                Rows.string(row, "visibility"), Rows.string(row, "my_role"), Rows.longValue(row, "member_count"),
                Rows.instant(row, "created_at"));
    }
}
