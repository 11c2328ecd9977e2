package dev.tangle.api.community.feed;

import java.util.List;
import java.util.UUID;

import dev.tangle.api.community.post.Post;
import dev.tangle.api.community.post.PostAccess;
import dev.tangle.api.community.post.PostService;
import dev.tangle.api.community.post.StoredPost;
import dev.tangle.api.graph.SocialGraph;
import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.page.Page;
import dev.tangle.common.page.PageRequest;
import io.helidon.dbclient.DbExecute;

/**
 * Home, profile and group feeds, newest first. The cursor is the last post id of a page (UUIDv7), so a page is
 * stable while new posts arrive: they sort before the cursor and never shift older posts.
 */
public final class FeedService {

    private final Database db;
    private final FeedRepository feeds;
    private final PostAccess access;
    private final SocialGraph graph;
    private final PostService posts;

    public FeedService(Database db, FeedRepository feeds, PostAccess access, SocialGraph graph, PostService posts) {
        this.db = db;
        this.feeds = feeds;
        this.access = access;
        this.graph = graph;
        this.posts = posts;
    }

    public Page<Post> home(UUID me, PageRequest page) {
        DbExecute read = db.client().execute();
        return page(read, me, page, feeds.home(read, me, before(page), page.fetchSize()));
    }

    /** 404 for an unknown user or one blocked either way. */
    public Page<Post> profile(UUID me, UUID author, PageRequest page) {
        DbExecute read = db.client().execute();
        if (!graph.userExists(read, author) || !me.equals(author) && graph.blockedEitherWay(read, me, author)) {
            throw Problems.notFound("User");
        }
        boolean friends = graph.areFriends(read, me, author);
        return page(read, me, page, feeds.profile(read, me, author, friends, before(page), page.fetchSize()));
    }

    /** Members only: 403 for a public group, 404 for a private or unknown one. */
    public Page<Post> group(UUID me, UUID groupId, PageRequest page) {
        DbExecute read = db.client().execute();
        access.requireMember(read, me, groupId);
        return page(read, me, page, feeds.group(read, me, groupId, before(page), page.fetchSize()));
    }

    private Page<Post> page(DbExecute read, UUID me, PageRequest page, List<StoredPost> rows) {
        Page<StoredPost> stored = Page.of(rows, page, p -> List.of(p.id().toString()));
        return new Page<>(posts.withReactions(read, me, stored.items()), stored.nextCursor());
    }

    private static UUID before(PageRequest page) {
        return page.keys(1).map(k -> parse(k.getFirst())).orElse(FeedRepository.AFTER_ALL);
    }

    private static UUID parse(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw Problems.validation("cursor", "is not a valid cursor");
        }
    }
}
