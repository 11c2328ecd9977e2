package dev.tangle.api.social;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.api.users.User;
import dev.tangle.api.users.UserRepository;
import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code friend_requests}, {@code friendships} and {@code blocks}. */
public final class FriendRepository {

    private static final String REQUEST = "r.id AS request_id, r.from_user_id, r.to_user_id, r.status, "
                                          + "r.created_at AS request_created_at";

    /**
     * Serializes every change between two users (request, accept, unfriend, block) for the rest of the
     * transaction, so that, e.g., two mutual requests cannot both stay pending.
     */
    public void lockPair(DbExecute tx, UUID a, UUID b) {
        String key = a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
        tx.createGet("SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(?, 0))")
                .addParam("tangle.pair:" + key).execute();
    }

    public Optional<FriendRequest> findRequest(DbExecute tx, UUID id, boolean forUpdate) {
        return tx.createGet("SELECT " + REQUEST + " FROM friend_requests r WHERE r.id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .addParam(id).execute().map(row -> request(row, null));
    }

    public Optional<FriendRequest> findPending(DbExecute tx, UUID from, UUID to) {
        return tx.createGet("SELECT " + REQUEST + " FROM friend_requests r WHERE r.from_user_id = ? AND r.to_user_id = ? "
                            + "AND r.status = 'pending' FOR UPDATE")
                .addParam(from).addParam(to).execute().map(row -> request(row, null));
    }

    public FriendRequest insertRequest(DbExecute tx, UUID id, UUID from, UUID to, Instant now) {
        tx.createInsert("INSERT INTO friend_requests (id, from_user_id, to_user_id, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'pending', ?, ?)")
                .addParam(id).addParam(from).addParam(to).addParam(Rows.ts(now)).addParam(Rows.ts(now)).execute();
        return new FriendRequest(id, from, to, "pending", now, null);
    }

    public void setStatus(DbExecute tx, UUID id, String status) {
        tx.createUpdate("UPDATE friend_requests SET status = ?, updated_at = now() WHERE id = ?")
                .addParam(status).addParam(id).execute();
    }

    /** Cancels every pending request between two users, either direction. */
    public long cancelPendingBetween(DbExecute tx, UUID a, UUID b) {
        return tx.createUpdate("UPDATE friend_requests SET status = 'cancelled', updated_at = now() WHERE status = 'pending' "
                               + "AND ((from_user_id = ? AND to_user_id = ?) OR (from_user_id = ? AND to_user_id = ?))")
                .addParam(a).addParam(b).addParam(b).addParam(a).execute();
    }

    public void addFriendship(DbExecute tx, UUID a, UUID b) {
        tx.createInsert("INSERT INTO friendships (user_id, friend_id) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING")
                .addParam(a).addParam(b).addParam(b).addParam(a).execute();
    }

    /** Removes a friendship in both directions; returns whether there was one. */
    public boolean removeFriendship(DbExecute tx, UUID a, UUID b) {
        return tx.createDelete("DELETE FROM friendships WHERE (user_id = ? AND friend_id = ?) OR (user_id = ? AND friend_id = ?)")
                .addParam(a).addParam(b).addParam(b).addParam(a).execute() > 0;
    }

    /** Pending requests to ({@code incoming}) or from the user, newest first, each with the other party. */
    public List<FriendRequest> pendingRequests(DbExecute db, UUID me, boolean incoming, UUID beforeId, int limit) {
        String mine = incoming ? "r.to_user_id" : "r.from_user_id";
        String other = incoming ? "r.from_user_id" : "r.to_user_id";
        return db.createQuery("SELECT " + REQUEST + ", " + UserRepository.columns("u") + " FROM friend_requests r "
                              + "JOIN users u ON u.id = " + other + " WHERE " + mine + " = ? AND r.status = 'pending' "
                              + (beforeId == null ? "" : "AND r.id < ? ") + "ORDER BY r.id DESC LIMIT " + limit)
                .params(beforeId == null ? List.of(me) : List.of(me, beforeId))
                .execute().map(row -> request(row, UserRepository.user(row))).toList();
    }

    /** The user's friends in handle order (ignoring case), after {@code afterHandle}. */
    public List<User> friends(DbExecute db, UUID me, String afterHandle, int limit) {
        return db.createQuery("SELECT " + UserRepository.columns("u") + " FROM friendships f JOIN users u ON u.id = f.friend_id "
                              + "WHERE f.user_id = ? AND lower(u.handle) > ? ORDER BY lower(u.handle) LIMIT " + limit)
                .addParam(me).addParam(afterHandle == null ? "" : afterHandle)
                .execute().map(UserRepository::user).toList();
    }

    public List<UUID> friendIds(DbExecute db, UUID me) {
        return db.createQuery("SELECT friend_id FROM friendships WHERE user_id = ?").addParam(me)
                .execute().map(row -> Rows.uuid(row, "friend_id")).toList();
    }

    /** Adds a block; false if it already existed. */
    public boolean insertBlock(DbExecute tx, UUID blocker, UUID blocked) {
        return tx.createInsert("INSERT INTO blocks (blocker_id, blocked_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .addParam(blocker).addParam(blocked).execute() > 0;
    }

    public boolean deleteBlock(DbExecute tx, UUID blocker, UUID blocked) {
        return tx.createDelete("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?")
                .addParam(blocker).addParam(blocked).execute() > 0;
    }

    /** The users that {@code me} blocked, in handle order (ignoring case). */
    public List<User> blocked(DbExecute db, UUID me, String afterHandle, int limit) {
        return db.createQuery("SELECT " + UserRepository.columns("u") + " FROM blocks b JOIN users u ON u.id = b.blocked_id "
                              + "WHERE b.blocker_id = ? AND lower(u.handle) > ? ORDER BY lower(u.handle) LIMIT " + limit)
                .addParam(me).addParam(afterHandle == null ? "" : afterHandle)
                .execute().map(UserRepository::user).toList();
    }

    private static FriendRequest request(DbRow row, User other) {
        return new FriendRequest(Rows.uuid(row, "request_id"), Rows.uuid(row, "from_user_id"), Rows.uuid(row, "to_user_id"),
                Rows.string(row, "status"), Rows.instant(row, "request_created_at"), other);
    }
}
