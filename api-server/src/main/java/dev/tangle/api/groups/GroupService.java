package dev.tangle.api.groups;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.tangle.api.graph.SocialGraph.GroupRole;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.event.Event;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

/**
 * Groups and their members. A private group is 404 to non-members; in a group the caller can see, owners and
 * admins add and kick (admins kick members only), only owners change roles, owners cannot be kicked, and the
 * last owner cannot leave or step down. Every membership change emits {@code member.added|removed|role_changed}.
 */
public final class GroupService {

    /**
     * Changes of {@code PATCH /v1/groups/{id}}; null leaves a field as it is.
     *
     * @param name        new name
     * @param description new description
     * @param visibility  new visibility
     */
    public record GroupPatch(String name, String description, String visibility) {
    }

    private final Database db;
    private final OutboxRelay relay;
    private final GroupRepository groups;
    private final SocialGraph graph;

    public GroupService(Database db, OutboxRelay relay, GroupRepository groups, SocialGraph graph) {
        this.db = db;
        this.relay = relay;
        this.groups = groups;
        this.graph = graph;
    }

    public Group create(UUID me, String name, String description, String visibility) {
        UUID id = Ids.newId();
        Group group = db.inTransaction(tx -> {
            groups.insert(tx, id, name, description, visibility, me, now());
            groups.addMember(tx, id, me, "owner", now());
            event(tx, id, "created", Map.of("groupId", id, "name", name, "visibility", visibility, "ownerId", me));
            memberEvent(tx, id, "member.added", me, "owner", me, null);
            return groups.find(tx, id, me).orElseThrow();
        });
        relay.kick();
        return group;
    }

    public Group get(UUID me, UUID id) {
        return visible(db.client().execute(), id, me);
    }

    public Page<Group> mine(UUID me, PageRequest page) {
        UUID before = cursorId(page);
        return Page.of(groups.mine(db.client().execute(), me, before, page.fetchSize()), page, g -> List.of(g.id().toString()));
    }

    public Page<GroupMember> members(UUID me, UUID id, PageRequest page) {
        visible(db.client().execute(), id, me);
        UUID after = cursorId(page);
        return Page.of(groups.members(db.client().execute(), id, me, after, page.fetchSize()), page,
                m -> List.of(m.userId().toString()));
    }

    public Group update(UUID me, UUID id, GroupPatch patch) {
        return write(tx -> {
            Group group = lockVisible(tx, id, me);
            requireManager(group);
            groups.update(tx, id, patch.name(), patch.description(), patch.visibility());
            Group updated = groups.find(tx, id, me).orElseThrow();
            event(tx, id, "updated", Map.of("groupId", id, "name", updated.name(), "description", updated.description(),
                    "visibility", updated.visibility()));
            return updated;
        });
    }

    /** An owner or admin adds a user the caller can see; the user is notified. */
    public GroupMember add(UUID me, UUID id, UUID userId) {
        return write(tx -> {
            requireManager(lockVisible(tx, id, me));
            if (!graph.userExists(tx, userId) || graph.blockedEitherWay(tx, me, userId)) {
                throw Problems.notFound("User");
            }
            if (!groups.addMember(tx, id, userId, "member", now())) {
                throw Problems.conflict("The user is already a member");
            }
            memberEvent(tx, id, "member.added", userId, "member", me, null);
            if (!userId.equals(me)) {
                Outbox.add(tx, Event.of("api-server", "user", userId, "notification",
                        Map.of("kind", "group.added", "groupId", id, "byUserId", me)));
            }
            return member(tx, id, userId);
        });
    }

    /** Joins a public group. */
    public Group join(UUID me, UUID id) {
        return write(tx -> {
            Group group = lockVisible(tx, id, me);
            if (group.myRole() != null) {
                throw Problems.conflict("You are already a member");
            }
            groups.addMember(tx, id, me, "member", now());
            memberEvent(tx, id, "member.added", me, "member", me, null);
            return groups.find(tx, id, me).orElseThrow();
        });
    }

    /** Leaves ({@code userId} is the caller) or kicks. */
    public void remove(UUID me, UUID id, UUID userId) {
        write(tx -> {
            Group group = lockVisible(tx, id, me);
            GroupRole target = graph.groupRole(tx, id, userId).orElse(null);
            if (userId.equals(me)) {
                if (target == null) {
                    throw Problems.notFound("Member");
                }
                if (target == GroupRole.OWNER && groups.owners(tx, id) == 1) {
                    throw Problems.conflict("The last owner cannot leave; make another member owner first");
                }
            } else {
                GroupRole mine = requireManager(group);
                if (target == null || graph.blockedEitherWay(tx, me, userId)) {
                    throw Problems.notFound("Member");
                }
                if (target == GroupRole.OWNER || (target == GroupRole.ADMIN && mine != GroupRole.OWNER)) {
                    throw Problems.forbidden("An " + mine.name().toLowerCase() + " cannot remove an " + target.name().toLowerCase());
                }
            }
            groups.removeMember(tx, id, userId);
            if (!userId.equals(me)) {
                dev.tangle.api.audit.AuditLog.append(tx, me, "group.member_kicked", "user", userId,
                        java.util.Map.of("groupId", id));
            }
            memberEvent(tx, id, "member.removed", userId, target.name().toLowerCase(), me, userId.equals(me) ? "left" : "kicked");
            return null;
        });
    }

    /** Only an owner changes roles (including making another member owner); the last owner cannot step down. */
    public GroupMember changeRole(UUID me, UUID id, UUID userId, GroupRole role) {
        return write(tx -> {
            Group group = lockVisible(tx, id, me);
            if (!"owner".equals(group.myRole())) {
                throw Problems.forbidden("Only an owner can change roles");
            }
            GroupRole previous = graph.groupRole(tx, id, userId).orElse(null);
            if (previous == null || graph.blockedEitherWay(tx, me, userId)) {
                throw Problems.notFound("Member");
            }
            if (previous == GroupRole.OWNER && role != GroupRole.OWNER && groups.owners(tx, id) == 1) {
                throw Problems.conflict("The last owner cannot step down; make another member owner first");
            }
            if (previous != role) {
                groups.setRole(tx, id, userId, role.name().toLowerCase());
                dev.tangle.api.audit.AuditLog.append(tx, me, "group.role_changed", "user", userId,
                        java.util.Map.of("groupId", id, "from", previous.name().toLowerCase(), "to", role.name().toLowerCase()));
                Map<String, Object> data = memberData(id, userId, role.name().toLowerCase(), me, null);
                data.put("previousRole", previous.name().toLowerCase());
                event(tx, id, "member.role_changed", data);
            }
            return member(tx, id, userId);
        });
    }

    private <T> T write(Function<DbTransaction, T> work) {
        T result = db.inTransaction(work);
        relay.kick();
        return result;
    }

    /** The group if it exists and the caller may see it (public, or a member), else 404. */
    private Group visible(DbExecute db, UUID id, UUID me) {
        return groups.find(db, id, me).filter(g -> g.isPublic() || g.myRole() != null)
                .orElseThrow(() -> Problems.notFound("Group"));
    }

    private Group lockVisible(DbExecute tx, UUID id, UUID me) {
        if (!groups.lock(tx, id)) {
            throw Problems.notFound("Group");
        }
        return visible(tx, id, me);
    }

    private static GroupRole requireManager(Group group) {
        GroupRole role = group.myRole() == null ? null : GroupRole.valueOf(group.myRole().toUpperCase());
        if (role == null || !role.canManage()) {
            throw Problems.forbidden("Only an owner or admin can do this");
        }
        return role;
    }

    private GroupMember member(DbExecute tx, UUID groupId, UUID userId) {
        return groups.member(tx, groupId, userId).orElseThrow();
    }

    private static void memberEvent(DbExecute tx, UUID groupId, String event, UUID userId, String role, UUID by, String reason) {
        event(tx, groupId, event, memberData(groupId, userId, role, by, reason));
    }

    private static Map<String, Object> memberData(UUID groupId, UUID userId, String role, UUID by, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groupId", groupId);
        data.put("userId", userId);
        data.put("role", role);
        data.put("byUserId", by);
        if (reason != null) {
            data.put("reason", reason);
        }
        return data;
    }

    private static void event(DbExecute tx, UUID groupId, String event, Map<String, Object> data) {
        Outbox.add(tx, Event.of("api-server", "group", groupId, event, data));
    }

    private static UUID cursorId(PageRequest page) {
        return page.keys(1).map(keys -> Ids.parse(keys.getFirst())
                .orElseThrow(() -> Problems.validation("cursor", "is not a valid cursor"))).orElse(null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
