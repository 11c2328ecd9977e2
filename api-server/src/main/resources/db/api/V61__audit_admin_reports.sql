-- Audit log, operators and bans, reports (docs/adr/0111).

-- 'operator' may use /v1/admin; bootstrapped from tangle.admin.operators at start-up.
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'operator'));
-- a banned user cannot log in, refresh, or use any token issued before the ban
ALTER TABLE users ADD COLUMN banned_at timestamptz;
ALTER TABLE users ADD COLUMN ban_reason text;

-- Append-only: the API never updates or deletes audit rows, and the database refuses it too.
CREATE TABLE audit_log (
    id          uuid PRIMARY KEY,                 -- UUIDv7: time ordered, the list's sort key
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,                             -- null for an anonymous caller (failed login) or the system
    action      text        NOT NULL,             -- e.g. auth.login, auth.login_failed, admin.ban
    target_kind text,
    target_id   text,
    ip          text,
    user_agent  text,
    detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_target_idx ON audit_log (target_id, id DESC) WHERE target_id IS NOT NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE reports (
    id          uuid PRIMARY KEY,
    reporter_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_kind text        NOT NULL CHECK (target_kind IN ('user', 'post', 'comment', 'message', 'group')),
    target_id   uuid        NOT NULL,
    reason      text        NOT NULL,
    status      text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    handled_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    handled_at  timestamptz,
    UNIQUE (reporter_id, target_kind, target_id)
);
CREATE INDEX reports_open_idx ON reports (id DESC) WHERE status = 'open';
