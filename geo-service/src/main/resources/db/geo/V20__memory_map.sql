-- Memory map (issue 16, docs/adr/0095): geo-service's own copy of what the map needs, kept from TANGLE_EVENTS.
-- Every row carries the stream sequence of the event that last set it (seq: a redelivered or replayed older event
-- never overwrites a newer one) and a revision from map_rev (rev: each instance's index follows rows with
-- rev > the last it applied; writers take one advisory lock so revisions commit in order).

CREATE SEQUENCE map_rev;

CREATE TABLE map_items (
    kind       text             NOT NULL CHECK (kind IN ('post', 'media')),
    id         uuid             NOT NULL,
    author_id  uuid,
    visibility text CHECK (visibility IN ('public', 'friends', 'private', 'group')),
    group_id   uuid,
    lat        double precision,
    lon        double precision,
    created_at timestamptz,
    other_id   uuid,
    deleted    boolean          NOT NULL DEFAULT false,
    seq        bigint           NOT NULL DEFAULT 0,
    link_seq   bigint           NOT NULL DEFAULT 0,
    rev        bigint           NOT NULL,
    PRIMARY KEY (kind, id)
);
COMMENT ON COLUMN map_items.other_id IS 'post: its first media id; media: the post attaching it';
COMMENT ON COLUMN map_items.link_seq IS 'media: stream sequence of the post event that set visibility/group/other_id';
CREATE INDEX map_items_rev ON map_items (rev);

CREATE TABLE map_friends (
    user_id   uuid    NOT NULL,
    friend_id uuid    NOT NULL,
    active    boolean NOT NULL,
    seq       bigint  NOT NULL,
    rev       bigint  NOT NULL,
    PRIMARY KEY (user_id, friend_id)
);
CREATE INDEX map_friends_rev ON map_friends (rev);

CREATE TABLE map_blocks (
    blocker_id uuid    NOT NULL,
    blocked_id uuid    NOT NULL,
    active     boolean NOT NULL,
    seq        bigint  NOT NULL,
    rev        bigint  NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX map_blocks_rev ON map_blocks (rev);

CREATE TABLE map_group_members (
    group_id uuid    NOT NULL,
    user_id  uuid    NOT NULL,
    active   boolean NOT NULL,
    seq      bigint  NOT NULL,
    rev      bigint  NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX map_group_members_rev ON map_group_members (rev);
