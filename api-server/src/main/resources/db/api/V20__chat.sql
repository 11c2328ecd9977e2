-- Conversations and messages. api-server is the only writer of these tables (see dev.tangle.api.chat).

CREATE TABLE conversations (
    id               uuid PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('direct', 'group', 'channel', 'canvas')),
    title            text,
    group_id         uuid REFERENCES groups (id) ON DELETE CASCADE,
    created_by       uuid        NOT NULL REFERENCES users (id),
    -- direct only: the two members, ordered, so one pair has one conversation even under concurrent creation
    direct_low       uuid REFERENCES users (id) ON DELETE CASCADE,
    direct_high      uuid REFERENCES users (id) ON DELETE CASCADE,
    -- the seq of the newest message; incremented in the insert transaction (the row lock serializes senders)
    last_seq         bigint      NOT NULL DEFAULT 0,
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'direct') = (direct_low IS NOT NULL AND direct_high IS NOT NULL)),
    CHECK (direct_low IS NULL OR direct_low < direct_high),
    CHECK ((kind = 'channel') = (group_id IS NOT NULL))
);
CREATE UNIQUE INDEX conversations_direct_pair_key ON conversations (direct_low, direct_high) WHERE kind = 'direct';
CREATE INDEX conversations_group_idx ON conversations (group_id) WHERE group_id IS NOT NULL;

-- Members of every kind. For channels the rows mirror group_members (synced from group events); authorization
-- of channels reads group_members itself, so it follows the group at once.
CREATE TABLE conversation_members (
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at       timestamptz NOT NULL DEFAULT now(),
    read_seq        bigint      NOT NULL DEFAULT 0,
    read_at         timestamptz,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_user_idx ON conversation_members (user_id);

CREATE TABLE messages (
    id                      uuid PRIMARY KEY,
    conversation_id         uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq                     bigint      NOT NULL,
    sender_id               uuid        NOT NULL REFERENCES users (id),
    client_msg_id           text        NOT NULL,
    text                    text        NOT NULL,
    format                  text        NOT NULL CHECK (format IN ('plain', 'markdown')),
    reply_to_id             uuid,
    quote_of_id             uuid,
    forward_message_id      uuid,
    forward_conversation_id uuid,
    forward_sender_id       uuid,
    forward_text            text,
    thread_root_id          uuid,
    thread_reply_count      integer     NOT NULL DEFAULT 0,
    last_thread_reply_at    timestamptz,
    media_ids               uuid[]      NOT NULL DEFAULT '{}',
    mentions                uuid[]      NOT NULL DEFAULT '{}',
    position_x              double precision,
    position_y              double precision,
    created_at              timestamptz NOT NULL DEFAULT now(),
    edited_at               timestamptz,
    deleted_at              timestamptz,
    -- gapless per conversation
    CONSTRAINT messages_conversation_seq_key UNIQUE (conversation_id, seq),
    -- idempotent sends, forever
    CONSTRAINT messages_sender_client_msg_key UNIQUE (sender_id, client_msg_id)
);
CREATE INDEX messages_thread_idx ON messages (thread_root_id, seq) WHERE thread_root_id IS NOT NULL;

CREATE TABLE message_edits (
    message_id    uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    version       integer     NOT NULL,
    previous_text text        NOT NULL,
    edited_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, version)
);

CREATE TABLE message_reactions (
    message_id uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, user_id, emoji)
);

-- per-thread read markers (the conversation's own marker is conversation_members.read_seq)
CREATE TABLE thread_reads (
    thread_root_id  uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_seq        bigint      NOT NULL DEFAULT 0,
    read_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (thread_root_id, user_id)
);
