package dev.tangle.api.community.comment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.tangle.api.community.shared.CommunityEvents;
import dev.tangle.api.community.shared.ReactionCounts;
import dev.tangle.api.community.shared.ReactionTarget;
import dev.tangle.api.community.shared.Reactions;
import dev.tangle.api.community.post.PostAccess;
import dev.tangle.api.community.post.PostRepository;
import dev.tangle.api.community.post.StoredPost;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;

/** Comments: add, edit, delete (tombstone when it has replies), list as a tree; events and notifications. */
public final class CommentService {

    /** A comment the viewer may see and act on, with its post. */
    public record Visible(StoredComment comment, StoredPost post) {
    }

    private final Database db;
    private final OutboxRelay relay;
    private final CommentRepository comments;
    private final PostRepository posts;
    private final PostAccess access;
    private final SocialGraph graph;
    private final ReactionCounts reactions;

    public CommentService(Database db, OutboxRelay relay, CommentRepository comments, PostRepository posts,
                          PostAccess access, SocialGraph graph, ReactionCounts reactions) {
        this.db = db;
        this.relay = relay;
        this.comments = comments;
        this.posts = posts;
        this.access = access;
        this.graph = graph;
        this.reactions = reactions;
    }

    public Comment create(UUID viewer, UUID postId, UUID parentId, String text) {
        StoredComment created = db.inTransaction(tx -> {
            StoredPost post = access.visible(tx, viewer, postId);
            StoredComment parent = parentId == null ? null : visibleIn(tx, viewer, post, parentId);
            String path;
            int depth;
            if (parent == null) {
                path = segment(posts.nextTopLevelOrdinal(tx, postId));
                depth = 0;
            } else {
                var slot = comments.takeReplySlot(tx, parentId).filter(s -> !s.parentGone())
                        .orElseThrow(() -> Problems.notFound("Comment"));
                path = slot.parentPath() + segment(slot.ordinal());
                depth = slot.parentDepth() + 1;
            }
            StoredComment c = new StoredComment(Ids.newId(), postId, parentId, path, depth, viewer, text, now(), null,
                    false, 0, 0, 0);
            comments.insert(tx, c);
            posts.addComments(tx, postId, 1);
            CommunityEvents.comment(tx, postId, c.id(), parentId, viewer, "created");
            notifyAbout(tx, post, parent, c);
            return c;
        });
        relay.kick();
        return Comment.of(created, Reactions.NONE, false, null);
    }

    /** A top-level comment notifies the post's author; a reply notifies the author of the comment replied to. */
    private void notifyAbout(DbExecute tx, StoredPost post, StoredComment parent, StoredComment c) {
        if (parent == null) {
            CommunityEvents.notify(tx, graph, post.authorId(), c.authorId(), "post.commented",
                    Map.of("postId", post.id(), "commentId", c.id()));
        } else {
            CommunityEvents.notify(tx, graph, parent.authorId(), c.authorId(), "comment.replied",
                    Map.of("postId", post.id(), "commentId", c.id(), "parentId", parent.id()));
        }
    }

    public Comment edit(UUID viewer, UUID commentId, String text) {
        StoredComment edited = db.inTransaction(tx -> {
            Visible v = visible(tx, viewer, commentId);
            if (!v.comment().authorId().equals(viewer)) {
                throw Problems.forbidden("Only the author may edit a comment");
            }
            Instant at = now();
            comments.updateText(tx, commentId, text, at);
            CommunityEvents.comment(tx, v.post().id(), commentId, v.comment().parentId(), v.comment().authorId(), "updated");
            return comments.find(tx, commentId).orElseThrow();
        });
        relay.kick();
        DbExecute read = db.client().execute();
        return Comment.of(edited, summaries(read, viewer, List.of(edited)).getOrDefault(edited.id(), Reactions.NONE),
                false, null);
    }

    /**
     * The author, the post's author, or an owner or admin of the post's group deletes a comment. With replies it
     * stays as a tombstone; without, it is removed, and so is every tombstone ancestor left without replies.
     */
    public void delete(UUID viewer, UUID commentId) {
        db.inTransaction(tx -> {
            StoredComment c = comments.findForUpdate(tx, commentId).filter(x -> !x.deleted())
                    .orElseThrow(() -> Problems.notFound("Comment"));
            StoredPost post = access.visible(tx, viewer, c.postId());
            boolean moderator = access.canModerate(tx, viewer, post);
            if (!moderator && graph.blockedEitherWay(tx, viewer, c.authorId())) {
                throw Problems.notFound("Comment");
            }
            if (!c.authorId().equals(viewer) && !moderator) {
                throw Problems.forbidden("Only the author, the post's author or a group admin may delete a comment");
            }
            remove(tx, c, post);
            if (!c.authorId().equals(viewer)) {
                dev.tangle.api.audit.AuditLog.append(tx, viewer, "moderation.comment_deleted", "comment", commentId,
                        java.util.Map.of("authorId", c.authorId(), "postId", post.id()));
            }
            return null;
        });
        relay.kick();
    }

    /** An operator's deletion (admin API): no visibility or role check; audited in the same transaction. */
    public void deleteAsOperator(UUID operator, UUID commentId) {
        db.inTransaction(tx -> {
            StoredComment c = comments.findForUpdate(tx, commentId).filter(x -> !x.deleted())
                    .orElseThrow(() -> Problems.notFound("Comment"));
            StoredPost post = posts.find(tx, c.postId()).orElseThrow(() -> Problems.notFound("Comment"));
            remove(tx, c, post);
            dev.tangle.api.audit.AuditLog.append(tx, operator, "admin.content_deleted", "comment", commentId,
                    java.util.Map.of("authorId", c.authorId(), "postId", post.id()));
            return null;
        });
        relay.kick();
    }

    private void remove(DbExecute tx, StoredComment c, StoredPost post) {
        UUID commentId = c.id();
        if (c.replyCount() > 0) {
            comments.tombstone(tx, commentId);
        } else {
            removeWithEmptyAncestors(tx, c);
        }
        posts.addComments(tx, post.id(), -1);
        CommunityEvents.comment(tx, post.id(), commentId, c.parentId(), c.authorId(), "deleted");
    }

    private void removeWithEmptyAncestors(DbExecute tx, StoredComment c) {
        comments.delete(tx, c.id());
        UUID parent = c.parentId();
        while (parent != null && comments.replyRemoved(tx, parent)) {
            UUID grandParent = comments.find(tx, parent).map(StoredComment::parentId).orElse(null);
            comments.delete(tx, parent);
            parent = grandParent;
        }
    }

    /** A page of top-level comments (or of {@code parentId}'s replies) with replies down to {@code levels}. */
    public Page<Comment> list(UUID viewer, UUID postId, UUID parentId, PageRequest page, int levels, int replyLimit) {
        DbExecute read = db.client().execute();
        StoredPost post = access.visible(read, viewer, postId);
        if (parentId != null) {
            comments.find(read, parentId).filter(c -> c.postId().equals(post.id()))
                    .orElseThrow(() -> Problems.notFound("Comment"));
        }
        UUID after = page.keys(1).map(k -> dev.tangle.common.page.Cursor.uuid(k.getFirst())).orElse(CommentRepository.BEFORE_ALL);
        List<StoredComment> rows = comments.tree(read, postId, parentId, after, page.limit(), levels, replyLimit);
        Set<UUID> hidden = access.blockedEitherWay(read, viewer);
        return CommentTree.page(rows, page, summaries(read, viewer, rows), hidden, levels, replyLimit);
    }

    /** The comment if it is live, its post visible to the viewer and its author not blocked either way; else 404. */
    public Visible visible(DbExecute db, UUID viewer, UUID commentId) {
        StoredComment c = comments.find(db, commentId).filter(x -> !x.deleted())
                .orElseThrow(() -> Problems.notFound("Comment"));
        StoredPost post = access.visible(db, viewer, c.postId());
        if (!c.authorId().equals(viewer) && graph.blockedEitherWay(db, viewer, c.authorId())) {
            throw Problems.notFound("Comment");
        }
        return new Visible(c, post);
    }

    private StoredComment visibleIn(DbExecute tx, UUID viewer, StoredPost post, UUID commentId) {
        Visible v = visible(tx, viewer, commentId);
        if (!v.post().id().equals(post.id())) {
            throw Problems.validation("parentId", "is not a comment of this post");
        }
        return v.comment();
    }

    private Map<UUID, Reactions> summaries(DbExecute db, UUID viewer, List<StoredComment> rows) {
        List<UUID> live = rows.stream().filter(c -> !c.deleted()).map(StoredComment::id).toList();
        return live.isEmpty() ? new HashMap<>() : reactions.summaries(db, ReactionTarget.COMMENT, live, viewer);
    }

    private static String segment(int ordinal) {
        return String.format("%08x", ordinal);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
