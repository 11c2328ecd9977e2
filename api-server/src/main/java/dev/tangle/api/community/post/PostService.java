package dev.tangle.api.community.post;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.api.community.shared.ReactionCounts;
import dev.tangle.api.community.shared.ReactionTarget;
import dev.tangle.api.community.shared.Reactions;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.OutboxRelay;
import io.helidon.dbclient.DbExecute;

/** Creating, reading, editing and deleting posts, with their events. */
public final class PostService {

    private final Database db;
    private final OutboxRelay relay;
    private final PostRepository posts;
    private final PostAccess access;
    private final ReactionCounts reactions;

    private final dev.tangle.api.media.MediaValidator mediaValidator;

    public PostService(Database db, OutboxRelay relay, PostRepository posts, PostAccess access,
                       ReactionCounts reactions) {
        this(db, relay, posts, access, reactions, dev.tangle.api.media.MediaValidator.NONE);
    }

    public PostService(Database db, OutboxRelay relay, PostRepository posts, PostAccess access,
                       ReactionCounts reactions, dev.tangle.api.media.MediaValidator mediaValidator) {
        this.mediaValidator = mediaValidator;
        this.db = db;
        this.relay = relay;
        this.posts = posts;
        this.access = access;
        this.reactions = reactions;
    }

    public Post create(UUID author, NewPost request) {
        mediaValidator.validate(author, request.mediaIds());
        StoredPost post = new StoredPost(Ids.newId(), author, request.text(), request.format(), request.visibility(),
                request.groupId(), request.mediaIds(), request.location(), now(), null, 0);
        db.inTransaction(tx -> {
            if (post.visibility() == Visibility.GROUP) {
                access.requireMember(tx, author, post.groupId());
            }
            posts.insert(tx, post);
            PostEvents.post(tx, post, "created");
            return null;
        });
        relay.kick();
        return Post.of(post, Reactions.NONE,
                mediaValidator.attachments(post.mediaIds(), mediaValidator.describe(post.mediaIds())));
    }

    public Post get(UUID viewer, UUID postId) {
        DbExecute read = db.client().execute();
        return withReactions(read, viewer, List.of(access.visible(read, viewer, postId))).getFirst();
    }

    /** Only the author edits; anyone else who can see the post gets 403. */
    public Post edit(UUID viewer, UUID postId, String text, String format) {
        StoredPost edited = db.inTransaction(tx -> {
            StoredPost post = access.visibleForUpdate(tx, viewer, postId);
            if (!post.authorId().equals(viewer)) {
                throw Problems.forbidden("Only the author may edit a post");
            }
            StoredPost updated = new StoredPost(post.id(), post.authorId(), text, format == null ? post.format() : format,
                    post.visibility(), post.groupId(), post.mediaIds(), post.location(), post.createdAt(), now(),
                    post.commentCount());
            posts.updateText(tx, postId, updated.text(), updated.format(), updated.editedAt());
            PostEvents.post(tx, updated, "updated");
            return updated;
        });
        relay.kick();
        return get(viewer, edited.id());
    }

    /** The author, or an owner or admin of the post's group, deletes the post with its comments and reactions. */
    public void delete(UUID viewer, UUID postId) {
        db.inTransaction(tx -> {
            StoredPost post = access.visibleForUpdate(tx, viewer, postId);
            if (!access.canModerate(tx, viewer, post)) {
                throw Problems.forbidden("Only the author or a group admin may delete a post");
            }
            posts.delete(tx, postId);
            PostEvents.post(tx, post, "deleted");
            if (!post.authorId().equals(viewer)) {
                dev.tangle.api.audit.AuditLog.append(tx, viewer, "moderation.post_deleted", "post", postId,
                        java.util.Map.of("authorId", post.authorId(), "groupId", String.valueOf(post.groupId())));
            }
            return null;
        });
        relay.kick();
    }

    /** An operator's deletion (admin API): no visibility or role check; audited in the same transaction. */
    public void deleteAsOperator(UUID operator, UUID postId) {
        db.inTransaction(tx -> {
            StoredPost post = posts.findForUpdate(tx, postId).orElseThrow(() -> Problems.notFound("Post"));
            posts.delete(tx, postId);
            PostEvents.post(tx, post, "deleted");
            dev.tangle.api.audit.AuditLog.append(tx, operator, "admin.content_deleted", "post", postId,
                    java.util.Map.of("authorId", post.authorId()));
            return null;
        });
        relay.kick();
    }

    /** Adds the viewer's view of reactions to posts, keeping their order. */
    public List<Post> withReactions(DbExecute db, UUID viewer, List<StoredPost> stored) {
        Map<UUID, Reactions> summaries = reactions.summaries(db, ReactionTarget.POST,
                stored.stream().map(StoredPost::id).toList(), viewer);
        var media = mediaValidator.describe(stored.stream().flatMap(p -> p.mediaIds().stream()).toList());
        return stored.stream().map(p -> Post.of(p, summaries.getOrDefault(p.id(), Reactions.NONE),
                mediaValidator.attachments(p.mediaIds(), media))).toList();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
