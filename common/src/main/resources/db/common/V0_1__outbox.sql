-- Transactional outbox shared by every service: rows are written in the same transaction as the change they
-- announce and deleted once JetStream has acknowledged them (the stream de-duplicates by event id).
CREATE TABLE outbox (
    id         uuid PRIMARY KEY,
    subject    text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
