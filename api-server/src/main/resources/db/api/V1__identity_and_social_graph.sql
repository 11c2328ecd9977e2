-- Accounts, tokens and the social graph. Chat and community read friendships, blocks and group membership
-- through dev.tangle.api.social.SocialGraph.

CREATE TABLE users (
    id                 uuid PRIMARY KEY,
    handle             text        NOT NULL,
    display_name       text        NOT NULL,
    bio                text        NOT NULL DEFAULT '',
    avatar_media_id    uuid,
    password_hash      text        NOT NULL,
    hide_read_receipts boolean     NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now()
);
-- unique ignoring case, and serves handle-prefix search
CREATE UNIQUE INDEX users_handle_lower_key ON users (lower(handle) text_pattern_ops);

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id  uuid        NOT NULL,
    token_hash bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    spent_at   timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE friend_requests (
    id           uuid PRIMARY KEY,
    from_user_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       text        NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (from_user_id <> to_user_id)
);
CREATE UNIQUE INDEX friend_requests_pending_key ON friend_requests (from_user_id, to_user_id) WHERE status = 'pending';
CREATE INDEX friend_requests_to_idx ON friend_requests (to_user_id, status, id);
CREATE INDEX friend_requests_from_idx ON friend_requests (from_user_id, status, id);

-- one row per direction: (a, b) and (b, a)
CREATE TABLE friendships (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    friend_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, friend_id)
);

CREATE TABLE blocks (
    blocker_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked_idx ON blocks (blocked_id);

CREATE TABLE groups (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    description text        NOT NULL DEFAULT '',
    visibility  text        NOT NULL CHECK (visibility IN ('public', 'private')),
    created_by  uuid        NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE group_members (
    group_id  uuid        NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user_idx ON group_members (user_id);
