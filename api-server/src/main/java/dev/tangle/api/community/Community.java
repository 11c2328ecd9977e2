package dev.tangle.api.community;

import dev.tangle.api.community.comment.CommentHttpService;
import dev.tangle.api.community.comment.CommentRepository;
import dev.tangle.api.community.comment.CommentService;
import dev.tangle.api.community.feed.FeedHttpService;
import dev.tangle.api.community.feed.FeedRepository;
import dev.tangle.api.community.feed.FeedService;
import dev.tangle.api.community.post.PostAccess;
import dev.tangle.api.community.post.PostHttpService;
import dev.tangle.api.community.post.PostRepository;
import dev.tangle.api.community.post.PostService;
import dev.tangle.api.community.reaction.ReactionHttpService;
import dev.tangle.api.community.reaction.ReactionRepository;
import dev.tangle.api.community.reaction.ReactionService;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.api.media.MediaValidator;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.http.Feature;
import dev.tangle.common.http.ServiceInfra;
import io.helidon.webserver.http.HttpRouting;

/**
 * Community wired together: posts, comments, reactions and feeds, all deciding visibility through one
 * {@link PostAccess}.
 *
 * @param posts     posts and their media
 * @param comments  comment trees
 * @param reactions reactions on posts and comments
 * @param feeds     home, user and nearby feeds
 * @param access    who may see a post
 * @param postRows  the posts' repository, for features that check attachments
 */
public record Community(PostService posts, CommentService comments, ReactionService reactions, FeedService feeds,
                        PostAccess access, PostRepository postRows) implements Feature {

    public static Community start(ServiceInfra infra, SocialGraph graph, MediaValidator media) {
        var postRepository = new PostRepository();
        var access = new PostAccess(graph, postRepository);
        var reactionRepository = new ReactionRepository();
        var posts = new PostService(infra.db(), infra.outbox(), postRepository, access, reactionRepository, media);
        var comments = new CommentService(infra.db(), infra.outbox(), new CommentRepository(), postRepository,
                access, graph, reactionRepository);
        var reactions = new ReactionService(infra.db(), infra.outbox(), reactionRepository, access, comments, graph);
        var feeds = new FeedService(infra.db(), new FeedRepository(), access, graph, posts);
        return new Community(posts, comments, reactions, feeds, access, postRepository);
    }

    @Override
    public void routing(HttpRouting.Builder routing, TokenVerifier verifier) {
        routing.register(new PostHttpService(verifier, posts))
                .register(new CommentHttpService(verifier, comments))
                .register(new ReactionHttpService(verifier, reactions))
                .register(new FeedHttpService(verifier, feeds));
    }
}
