-- When the relay may publish an outbox row (as api's V81). Place transitions publish their alerts themselves right
-- after their group commit and set it a few seconds ahead, so the relay takes only the rows whose publication was
-- not acknowledged by then (docs/adr/0153). Every other geo writer keeps the default: at once.
ALTER TABLE outbox ADD COLUMN relay_after timestamptz NOT NULL DEFAULT now();
