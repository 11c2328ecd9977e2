-- Outbound webhooks (docs/adr/0112).
CREATE TABLE webhooks (
    id            uuid PRIMARY KEY,
    owner_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- a group admin's webhook gets the group's events; otherwise the owner's own events
    group_id      uuid REFERENCES groups (id) ON DELETE CASCADE,
    url           text        NOT NULL,
    events        text[]      NOT NULL,            -- event names such as post.created, or '*'
    secret        text        NOT NULL,            -- whsec_<base64>; signs every delivery, shown only on create
    status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    disabled_reason text,
    -- a dispatcher instance holds the endpoint while it delivers, so deliveries of one endpoint stay in order
    lease_until   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_owner_idx ON webhooks (owner_id);
CREATE INDEX webhooks_group_idx ON webhooks (group_id) WHERE group_id IS NOT NULL;

CREATE TABLE webhook_deliveries (
    id              uuid PRIMARY KEY,                  -- UUIDv7 in fan-in order: the endpoint's order
    webhook_id      uuid        NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    body            text        NOT NULL,              -- the CloudEvents envelope, byte for byte as published
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer     NOT NULL DEFAULT 0,
    last_status     integer,                           -- HTTP status of the last attempt, null if none answered
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_head_idx ON webhook_deliveries (webhook_id, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (webhook_id, id DESC);
