package dev.tangle.api.social;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.users.User;
import dev.tangle.api.users.UserRepository;
import dev.tangle.common.contract.social.SocialEventData.FriendAccepted;
import dev.tangle.common.contract.social.SocialEventData.FriendRequestEvent;
import dev.tangle.common.contract.social.SocialEventData.FriendRequested;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;

/**
 * Friend requests and friendships. A request to someone who blocked the caller (or whom the caller blocked)
 * answers as if the user did not exist; a request to someone who already asked the caller accepts theirs.
 */
public final class FriendService {

    /**
     * The outcome of sending a request.
     *
     * @param request  the pending request, or the other user's request, now accepted
     * @param accepted whether it made them friends at once
     */
    public record Sent(FriendRequest request, boolean accepted) {
    }

    private final Database db;
    private final OutboxRelay relay;
    private final FriendRepository friends;
    private final UserRepository users;
    private final SocialGraph graph;

    public FriendService(Database db, OutboxRelay relay, FriendRepository friends, UserRepository users, SocialGraph graph) {
        this.db = db;
        this.relay = relay;
        this.friends = friends;
        this.users = users;
        this.graph = graph;
    }

    public Sent request(UUID me, UUID target) {
        if (me.equals(target)) {
            throw Problems.validation("userId", "cannot be yourself");
        }
        Sent sent = db.inTransaction(tx -> {
            friends.lockPair(tx, me, target);
            User other = users.find(tx, target).filter(u -> !graph.blockedEitherWay(tx, me, target))
                    .orElseThrow(() -> Problems.notFound("User"));
            if (graph.areFriends(tx, me, target)) {
                throw Problems.conflict("You are already friends");
            }
            var theirs = friends.findPending(tx, target, me);
            if (theirs.isPresent()) {
                return new Sent(accept(tx, theirs.get(), me).withUser(other), true);
            }
            if (friends.findPending(tx, me, target).isPresent()) {
                throw Problems.conflict("A friend request to this user is already pending");
            }
            FriendRequest request = friends.insertRequest(tx, Ids.newId(), me, target, Instant.now().truncatedTo(ChronoUnit.MICROS));
            SocialEvents.notify(tx, target, new FriendRequested(request.id(), me));
            return new Sent(request.withUser(other), false);
        });
        relay.kick();
        return sent;
    }

    public FriendRequest accept(UUID me, UUID requestId) {
        return respond(me, requestId, true, "accept", (tx, request) -> accept(tx, request, me));
    }

    public FriendRequest decline(UUID me, UUID requestId) {
        return respond(me, requestId, true, "decline", (tx, request) -> {
            friends.setStatus(tx, request.id(), "declined");
            SocialEvents.toUser(tx, me, "friend.request.declined", requestData(request));
            return request.withStatus("declined");
        });
    }

    public void cancel(UUID me, UUID requestId) {
        respond(me, requestId, false, "cancel", (tx, request) -> {
            friends.setStatus(tx, request.id(), "cancelled");
            SocialEvents.toUser(tx, request.toUserId(), "friend.request.cancelled", requestData(request));
            return request.withStatus("cancelled");
        });
    }

    public void unfriend(UUID me, UUID friend) {
        db.inTransaction(tx -> {
            friends.lockPair(tx, me, friend);
            if (!friends.removeFriendship(tx, me, friend)) {
                throw Problems.notFound("Friend");
            }
            SocialEvents.friendRemoved(tx, me, friend);
            return null;
        });
        relay.kick();
    }

    public Page<FriendRequest> pending(UUID me, boolean incoming, PageRequest page) {
        UUID before = page.keys(1).map(keys -> Ids.parse(keys.getFirst())
                .orElseThrow(() -> Problems.validation("cursor", "is not a valid cursor"))).orElse(null);
        var rows = friends.pendingRequests(db.client().execute(), me, incoming, before, page.fetchSize());
        return Page.of(rows, page, r -> List.of(r.id().toString()));
    }

    public Page<User> friends(UUID me, PageRequest page) {
        String after = page.keys(1).map(List::getFirst).orElse(null);
        return Page.of(friends.friends(db.client().execute(), me, after, page.fetchSize()), page,
                u -> List.of(u.handle().toLowerCase(java.util.Locale.ROOT)));
    }

    public List<UUID> friendIds(UUID me) {
        return friends.friendIds(db.client().execute(), me);
    }

    private interface Change {
        FriendRequest apply(DbExecute tx, FriendRequest pending);
    }

    /** Runs a change on a pending request that only its recipient (or only its sender) may make. */
    private FriendRequest respond(UUID me, UUID requestId, boolean byRecipient, String verb, Change change) {
        FriendRequest result = db.inTransaction(tx -> {
            FriendRequest seen = friends.findRequest(tx, requestId, false).orElseThrow(() -> Problems.notFound("Friend request"));
            if (!seen.fromUserId().equals(me) && !seen.toUserId().equals(me)) {
                throw Problems.notFound("Friend request");
            }
            if (!(byRecipient ? seen.toUserId() : seen.fromUserId()).equals(me)) {
                throw Problems.forbidden("Only the " + (byRecipient ? "recipient" : "sender") + " can " + verb + " this request");
            }
            friends.lockPair(tx, seen.fromUserId(), seen.toUserId());
            FriendRequest request = friends.findRequest(tx, requestId, true).orElseThrow();
            if (!"pending".equals(request.status())) {
                throw Problems.conflict("The request is " + request.status());
            }
            UUID other = byRecipient ? request.fromUserId() : request.toUserId();
            return change.apply(tx, request).withUser(users.find(tx, other).orElse(null));
        });
        relay.kick();
        return result;
    }

    private FriendRequest accept(DbExecute tx, FriendRequest request, UUID accepter) {
        friends.setStatus(tx, request.id(), "accepted");
        friends.addFriendship(tx, request.fromUserId(), request.toUserId());
        SocialEvents.friendAdded(tx, request.fromUserId(), request.toUserId());
        SocialEvents.notify(tx, request.fromUserId(), new FriendAccepted(request.id(), accepter));
        return request.withStatus("accepted");
    }

    private static FriendRequestEvent requestData(FriendRequest request) {
        return new FriendRequestEvent(request.id(), request.fromUserId(), request.toUserId());
    }
}
