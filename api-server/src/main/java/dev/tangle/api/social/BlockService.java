package dev.tangle.api.social;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.users.User;
import dev.tangle.common.contract.social.SocialEventData.BlockEvent;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;

/**
 * Blocks. A block ends the friendship, cancels pending requests between the two, and from then on hides each
 * from the other (profiles, search, lists, requests; chat and posts ask {@link SocialGraph#blockedEitherWay}).
 * Blocking is idempotent and always allowed for an existing user, so it reveals nothing about the other side.
 */
public final class BlockService {

    private final Database db;
    private final OutboxRelay relay;
    private final FriendRepository friends;
    private final SocialGraph graph;

    public BlockService(Database db, OutboxRelay relay, FriendRepository friends, SocialGraph graph) {
        this.db = db;
        this.relay = relay;
        this.friends = friends;
        this.graph = graph;
    }

    public void block(UUID me, UUID target) {
        if (me.equals(target)) {
            throw Problems.validation("userId", "cannot be yourself");
        }
        db.inTransaction(tx -> {
            friends.lockPair(tx, me, target);
            if (!graph.userExists(tx, target)) {
                throw Problems.notFound("User");
            }
            if (!friends.insertBlock(tx, me, target)) {
                return null;
            }
            if (friends.removeFriendship(tx, me, target)) {
                SocialEvents.friendRemoved(tx, me, target);
            }
            friends.cancelPendingBetween(tx, me, target);
            SocialEvents.toUser(tx, me, "block.added", new BlockEvent(me, target));
            return null;
        });
        relay.kick();
    }

    public void unblock(UUID me, UUID target) {
        db.inTransaction(tx -> {
            if (!friends.deleteBlock(tx, me, target)) {
                throw Problems.notFound("Block");
            }
            SocialEvents.toUser(tx, me, "block.removed", new BlockEvent(me, target));
            return null;
        });
        relay.kick();
    }

    public Page<User> blocked(UUID me, PageRequest page) {
        String after = page.keys(1).map(List::getFirst).orElse(null);
        return Page.of(friends.blocked(db.client().execute(), me, after, page.fetchSize()), page,
                u -> List.of(u.handle().toLowerCase(Locale.ROOT)));
    }
}
