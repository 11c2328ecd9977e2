-- Community: posts, nested comments, reactions. See docs/adr/0030..0033.

CREATE TABLE posts (
    id                 uuid PRIMARY KEY,                 -- UUIDv7: time ordered, the feed's sort key
    author_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text               text        NOT NULL,
    format             text        NOT NULL CHECK (format IN ('plain', 'markdown')),
    visibility         text        NOT NULL CHECK (visibility IN ('public', 'friends', 'private', 'group')),
    group_id           uuid        REFERENCES groups (id) ON DELETE CASCADE,
    media_ids          uuid[]      NOT NULL DEFAULT '{}',
    -- the location as everyone sees it: already snapped to the ~1 km grid when precision = 'approximate'
    lat                double precision,
    lon                double precision,
    location_name      text,
    location_precision text        CHECK (location_precision IN ('exact', 'approximate')),
    created_at         timestamptz NOT NULL,
    edited_at          timestamptz,
    comment_count      integer     NOT NULL DEFAULT 0,   -- comments not deleted, at any depth
    comment_seq        integer     NOT NULL DEFAULT 0,   -- top-level comments ever added (path ordinals)
    CHECK ((visibility = 'group') = (group_id IS NOT NULL)),
    CHECK ((lat IS NULL) = (lon IS NULL) AND (lat IS NULL) = (location_precision IS NULL))
);
-- home and profile feeds: newest posts of one author; INCLUDE lets the feed's id phase be index-only
CREATE INDEX posts_author_idx ON posts (author_id, id DESC) INCLUDE (visibility, group_id);
-- group feeds and the "my groups" branch of the home feed
CREATE INDEX posts_group_idx ON posts (group_id, id DESC) INCLUDE (author_id) WHERE group_id IS NOT NULL;

-- Comments form a tree. path is the materialized path: one 8-hex-digit segment per level, the comment's ordinal
-- among its siblings (so path order is depth-first, siblings oldest first). A whole subtree is one range scan
-- on (post_id, path); the index keys the first 2400 characters (300 levels) so that deeper paths still fit a
-- btree entry, and queries recheck the full path.
CREATE TABLE comments (
    id          uuid PRIMARY KEY,
    post_id     uuid        NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id   uuid        REFERENCES comments (id) ON DELETE CASCADE,
    path        text        COLLATE "C" NOT NULL,
    depth       integer     NOT NULL CHECK (depth >= 0),
    author_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    text        text,                                     -- null once deleted (tombstone)
    created_at  timestamptz NOT NULL,
    edited_at   timestamptz,
    deleted     boolean     NOT NULL DEFAULT false,
    reply_count integer     NOT NULL DEFAULT 0,           -- direct children still stored (tombstones included)
    child_seq   integer     NOT NULL DEFAULT 0,           -- children ever added (path ordinals)
    CHECK ((parent_id IS NULL) = (depth = 0))
);
-- a page of top-level comments (parent_id IS NULL) and of one comment's replies, oldest first
CREATE INDEX comments_top_idx ON comments (post_id, id) WHERE parent_id IS NULL;
CREATE INDEX comments_parent_idx ON comments (parent_id, id);
CREATE INDEX comments_path_idx ON comments (post_id, left(path, 2400));

CREATE TABLE post_reactions (
    post_id    uuid        NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (post_id, user_id, emoji)
);

CREATE TABLE comment_reactions (
    comment_id uuid        NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, user_id, emoji)
);
