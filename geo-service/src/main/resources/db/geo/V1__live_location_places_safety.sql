-- geo-service: live location shares, places and alerts, safety contacts, SOS alerts and check-ins.
-- Coordinates here are never logged. Migrations V1..V19 belong to these features, V20+ to the memory map.

CREATE TABLE shares (
    id                uuid PRIMARY KEY,
    owner_id          uuid        NOT NULL,
    audience_user_ids uuid[]      NOT NULL DEFAULT '{}',
    conversation_id   uuid,
    group_id          uuid,
    precision         text        NOT NULL CHECK (precision IN ('exact', 'approximate')),
    kind              text        NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'sos')),
    started_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    ended_at          timestamptz,
    paused            boolean     NOT NULL DEFAULT false,
    last_update_at    timestamptz,
    stale_notified    boolean     NOT NULL DEFAULT false,
    end_announced     boolean     NOT NULL DEFAULT false
);
CREATE INDEX shares_owner_idx ON shares (owner_id, started_at DESC);
CREATE INDEX shares_open_idx ON shares (expires_at) WHERE NOT end_announced;

-- The resolved audience of a share: who may see it now. Social changes delete rows at once.
CREATE TABLE share_viewers (
    share_id  uuid NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    viewer_id uuid NOT NULL,
    PRIMARY KEY (share_id, viewer_id)
);
CREATE INDEX share_viewers_viewer_idx ON share_viewers (viewer_id);

-- Who looked at a share and when (the owner lists it).
CREATE TABLE share_views (
    share_id        uuid        NOT NULL REFERENCES shares (id) ON DELETE CASCADE,
    viewer_id       uuid        NOT NULL,
    first_viewed_at timestamptz NOT NULL,
    last_viewed_at  timestamptz NOT NULL,
    views           bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (share_id, viewer_id)
);

CREATE TABLE places (
    id            uuid PRIMARY KEY,
    owner_id      uuid             NOT NULL,
    group_id      uuid,
    name          text             NOT NULL,
    lat           double precision NOT NULL,
    lon           double precision NOT NULL,
    radius_m      double precision NOT NULL,
    dwell_seconds integer          NOT NULL DEFAULT 0,
    created_at    timestamptz      NOT NULL,
    updated_at    timestamptz      NOT NULL
);
CREATE INDEX places_owner_idx ON places (owner_id);
CREATE INDEX places_group_idx ON places (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE place_watches (
    place_id   uuid NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    watcher_id uuid NOT NULL,
    user_id    uuid NOT NULL,
    PRIMARY KEY (place_id, watcher_id, user_id)
);
CREATE INDEX place_watches_user_idx ON place_watches (user_id);

-- Whether a user is at a place, per basis (exact point, or the approximate grid cell for approximate watchers).
-- Changed only by compare-and-set updates, so one transition is announced once across instances.
CREATE TABLE place_presence (
    place_id uuid        NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    user_id  uuid        NOT NULL,
    basis    text        NOT NULL CHECK (basis IN ('exact', 'approximate')),
    inside   boolean     NOT NULL,
    arrived  boolean     NOT NULL,
    since    timestamptz NOT NULL,
    PRIMARY KEY (place_id, user_id, basis)
);
CREATE INDEX place_presence_user_idx ON place_presence (user_id) WHERE inside;

CREATE TABLE safety_settings (
    owner_id               uuid PRIMARY KEY,
    escalate_after_seconds integer     NOT NULL,
    updated_at             timestamptz NOT NULL
);

CREATE TABLE safety_contacts (
    owner_id   uuid NOT NULL,
    contact_id uuid NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
);

CREATE TABLE sos_alerts (
    id           uuid PRIMARY KEY,
    owner_id     uuid             NOT NULL,
    status       text             NOT NULL CHECK (status IN ('active', 'resolved')),
    text         text,
    lat          double precision,
    lon          double precision,
    share_id     uuid,
    started_at   timestamptz      NOT NULL,
    escalate_at  timestamptz      NOT NULL,
    escalated_at timestamptz,
    resolved_at  timestamptz
);
CREATE INDEX sos_alerts_due_idx ON sos_alerts (escalate_at) WHERE status = 'active' AND escalated_at IS NULL;
CREATE INDEX sos_alerts_owner_idx ON sos_alerts (owner_id, started_at DESC);

CREATE TABLE sos_recipients (
    alert_id        uuid        NOT NULL REFERENCES sos_alerts (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('contact', 'escalated')),
    conversation_id uuid,
    message_id      uuid,
    message_seq     bigint,
    next_attempt_at timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    seen_at         timestamptz,
    acked_at        timestamptz,
    PRIMARY KEY (alert_id, user_id)
);
CREATE INDEX sos_recipients_pending_idx ON sos_recipients (next_attempt_at) WHERE message_id IS NULL AND role = 'contact';
CREATE INDEX sos_recipients_conversation_idx ON sos_recipients (conversation_id, user_id) WHERE seen_at IS NULL;

CREATE TABLE checkins (
    id          uuid PRIMARY KEY,
    owner_id    uuid        NOT NULL,
    due_at      timestamptz NOT NULL,
    contact_ids uuid[]      NOT NULL,
    status      text        NOT NULL CHECK (status IN ('pending', 'done', 'missed')),
    created_at  timestamptz NOT NULL,
    closed_at   timestamptz
);
CREATE INDEX checkins_due_idx ON checkins (due_at) WHERE status = 'pending';
CREATE INDEX checkins_owner_idx ON checkins (owner_id, created_at DESC);
