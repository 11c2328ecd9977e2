-- When the relay may publish a row. A writer that publishes its rows itself right after its commit sets it a few
-- seconds ahead, so the relay takes only the rows whose publication was not confirmed by then (docs/adr/0125).
ALTER TABLE outbox ADD COLUMN relay_after timestamptz NOT NULL DEFAULT now();
