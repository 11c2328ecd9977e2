package dev.tangle.api.community.reaction;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.community.shared.CommunityEvents;
import dev.tangle.api.community.shared.ReactionTarget;
import dev.tangle.api.community.shared.Reactions;
import dev.tangle.api.community.comment.CommentService;
import dev.tangle.api.community.post.PostAccess;
import dev.tangle.api.community.post.StoredPost;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Database;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/**
 * Reactions on posts and comments: one per user per emoji, idempotent both ways. Adding a reaction to someone
 * else's post notifies them ({@code post.reacted}); only actual changes produce events.
 */
public final class ReactionService {

    private final Database db;
    private final OutboxRelay relay;
    private final ReactionRepository reactions;
    private final PostAccess access;
    private final CommentService comments;
    private final SocialGraph graph;

    public ReactionService(Database db, OutboxRelay relay, ReactionRepository reactions, PostAccess access,
                           CommentService comments, SocialGraph graph) {
        this.db = db;
        this.relay = relay;
        this.reactions = reactions;
        this.access = access;
        this.comments = comments;
        this.graph = graph;
    }

    /** Adds ({@code add}) or removes the viewer's reaction on a post; returns the post's reactions. */
    public Reactions onPost(UUID viewer, UUID postId, String emoji, boolean add) {
        db.inTransaction(tx -> {
            StoredPost post = access.visible(tx, viewer, postId);
            if (change(tx, ReactionTarget.POST, postId, viewer, emoji, add, postId, null) && add) {
                CommunityEvents.notify(tx, graph, post.authorId(), viewer, "post.reacted",
                        Map.of("postId", postId, "emoji", emoji));
            }
            return null;
        });
        relay.kick();
        return summary(ReactionTarget.POST, postId, viewer);
    }

    /** Adds or removes the viewer's reaction on a comment; returns the comment's reactions. */
    public Reactions onComment(UUID viewer, UUID commentId, String emoji, boolean add) {
        db.inTransaction(tx -> {
            CommentService.Visible v = comments.visible(tx, viewer, commentId);
            change(tx, ReactionTarget.COMMENT, commentId, viewer, emoji, add, v.post().id(), commentId);
            return null;
        });
        relay.kick();
        return summary(ReactionTarget.COMMENT, commentId, viewer);
    }

    private boolean change(DbExecute tx, ReactionTarget target, UUID targetId, UUID viewer, String emoji, boolean add,
                           UUID postId, UUID commentId) {
        boolean changed = add ? reactions.add(tx, target, targetId, viewer, emoji)
                : reactions.remove(tx, target, targetId, viewer, emoji);
        if (changed) {
            CommunityEvents.reaction(tx, postId, commentId, viewer, emoji, add ? "added" : "removed");
        }
        return changed;
    }

    private Reactions summary(ReactionTarget target, UUID id, UUID viewer) {
        return reactions.summaries(db.client().execute(), target, List.of(id), viewer).get(id);
    }
}
