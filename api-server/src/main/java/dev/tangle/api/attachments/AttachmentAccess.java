package dev.tangle.api.attachments;

import java.util.UUID;

import dev.tangle.api.chat.conversation.ConversationRepository;
import dev.tangle.api.community.post.PostAccess;
import dev.tangle.api.community.post.PostRepository;
import dev.tangle.common.db.Database;
import dev.tangle.common.id.Ids;
import dev.tangle.common.error.Problems;
import dev.tangle.common.contract.MediaContract;
import io.helidon.dbclient.DbExecute;

/**
 * Answers {@code tangle.svc.attachment.can-view}: may a user see a media item because a post they can see
 * ({@link PostAccess}, the feed's rules) or a message of a conversation they belong to (not deleted) attaches it.
 * Ownership is media-service's own check; this only knows attachments.
 */
public final class AttachmentAccess {

    private static final int MAX_CANDIDATES = 50;

    private final Database db;
    private final PostRepository posts;
    private final PostAccess postAccess;
    private final ConversationRepository conversations;
    private final AttachmentRepository attachments = new AttachmentRepository();

    public AttachmentAccess(Database db, PostRepository posts, PostAccess postAccess, ConversationRepository conversations) {
        this.db = db;
        this.posts = posts;
        this.postAccess = postAccess;
        this.conversations = conversations;
    }

    public MediaContract.CanViewReply canView(MediaContract.CanViewRequest request) {
        UUID user = Ids.parse(request.userId()).orElseThrow(() -> Problems.validation("userId", "is not an id"));
        UUID media = Ids.parse(request.mediaId()).orElseThrow(() -> Problems.validation("mediaId", "is not an id"));
        DbExecute read = db.client().execute();
        boolean visible = attachments.postsAttaching(read, media, MAX_CANDIDATES).stream()
                .anyMatch(postId -> posts.find(read, postId).map(p -> postAccess.canSee(read, user, p)).orElse(false));
        if (!visible) {
            visible = attachments.conversationsAttaching(read, media, MAX_CANDIDATES).stream()
                    .anyMatch(conversationId -> conversations.isMember(read, conversationId, user));
        }
        return new MediaContract.CanViewReply(visible);
    }
}
