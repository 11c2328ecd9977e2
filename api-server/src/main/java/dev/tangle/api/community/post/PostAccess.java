package dev.tangle.api.community.post;

import java.util.Set;
import java.util.UUID;

import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.error.Problems;
import io.helidon.dbclient.DbExecute;

/**
 * The one place that decides who may see and manage a post (docs/adr/0030). The author always sees their own
 * posts. Anyone else: never across a block (either way); {@code public} — every signed-in user; {@code friends}
 * — the author's friends; {@code private} — nobody; {@code group} — members of the group only, even of a public
 * group. The feed queries apply the same rules in SQL; {@code CommunityVisibilityIT} checks both agree.
 */
public final class PostAccess {

    private final SocialGraph graph;
    private final PostRepository posts;

    public PostAccess(SocialGraph graph, PostRepository posts) {
        this.graph = graph;
        this.posts = posts;
    }

    public boolean canSee(DbExecute db, UUID viewer, StoredPost post) {
        if (post.authorId().equals(viewer)) {
            return true;
        }
        if (graph.blockedEitherWay(db, viewer, post.authorId())) {
            return false;
        }
        return switch (post.visibility()) {
            case PUBLIC -> true;
            case FRIENDS -> graph.areFriends(db, viewer, post.authorId());
            case PRIVATE -> false;
            case GROUP -> graph.groupRole(db, post.groupId(), viewer).isPresent();
        };
    }

    /** The post if the viewer may see it; 404 otherwise, whether it exists or not. */
    public StoredPost visible(DbExecute db, UUID viewer, UUID postId) {
        return posts.find(db, postId).filter(p -> canSee(db, viewer, p))
                .orElseThrow(() -> Problems.notFound("Post"));
    }

    /** As {@link #visible} but locks the post row for this transaction. */
    public StoredPost visibleForUpdate(DbExecute tx, UUID viewer, UUID postId) {
        return posts.findForUpdate(tx, postId).filter(p -> canSee(tx, viewer, p))
                .orElseThrow(() -> Problems.notFound("Post"));
    }

    /** The author may delete; so may an owner or admin of the group of a group post. */
    public boolean canModerate(DbExecute db, UUID viewer, StoredPost post) {
        return post.authorId().equals(viewer) || post.visibility() == Visibility.GROUP
                && graph.groupRole(db, post.groupId(), viewer).map(SocialGraph.GroupRole::canManage).orElse(false);
    }

    /** Users whose content the viewer must not see: those the viewer blocked and those who blocked the viewer. */
    public Set<UUID> blockedEitherWay(DbExecute db, UUID viewer) {
        return graph.blockedEitherWay(db, viewer);
    }

    /**
     * A group whose posts the viewer may read and write: a member may; a non-member of a public group is refused (403); a private
     * or unknown group does not exist for a non-member (404).
     */
    public void requireMember(DbExecute db, UUID viewer, UUID groupId) {
        if (graph.groupRole(db, groupId, viewer).isPresent()) {
            return;
        }
        if (graph.isPublicGroup(db, groupId)) {
            throw Problems.forbidden("Only members of the group may read and write its posts");
        }
        throw Problems.notFound("Group");
    }
}
