-- When the relay may publish an outbox row (the shared table of db/common). Chat sends publish their rows
-- themselves right after the commit and set it a few seconds ahead, so the relay takes only the rows whose
-- publication was not acknowledged by then (docs/adr/0125). Other writers keep the default: at once.
ALTER TABLE outbox ADD COLUMN relay_after timestamptz NOT NULL DEFAULT now();
