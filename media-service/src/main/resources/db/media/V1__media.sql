-- media-service's schema (docs/adr/0080). Bytes live in the blob store; rows say what they are and who owns them.
CREATE TABLE media (
    id            uuid        PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('image', 'video')),
    content_type  text        NOT NULL,
    filename      text,
    size          bigint      NOT NULL,
    status        text        NOT NULL CHECK (status IN ('processing', 'ready', 'failed', 'deleted')),
    failure       text,
    width         int,
    height        int,
    duration_ms   bigint,
    blurhash      text,
    use_location  boolean     NOT NULL DEFAULT false,
    lat           double precision,
    lon           double precision,
    variants      jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    processed_at  timestamptz,
    deleted_at    timestamptz
);
CREATE INDEX media_owner ON media (owner_id, created_at);
CREATE INDEX media_processing ON media (created_at) WHERE status = 'processing';

-- Resumable (tus) uploads in progress; their bytes are blobs uploads/<id>/<offset>.
CREATE TABLE uploads (
    id            uuid        PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    length        bigint      NOT NULL,
    received      bigint      NOT NULL DEFAULT 0,
    filename      text,
    use_location  boolean     NOT NULL DEFAULT false,
    media_id      uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX uploads_owner ON uploads (owner_id) WHERE media_id IS NULL;
CREATE INDEX uploads_updated ON uploads (updated_at);
