-- Full-text search (docs/adr/0110): a stored tsvector per searchable row, kept by PostgreSQL in the writing
-- transaction itself (generated columns), so a committed message is searchable at once and edits and deletes
-- are reflected with the row. English stemming; messages are indexed together with their conversation id
-- (btree_gin) because every message search is limited to the searcher's conversations.
CREATE EXTENSION IF NOT EXISTS btree_gin;

ALTER TABLE messages ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', CASE WHEN deleted_at IS NULL THEN text ELSE '' END)) STORED;
CREATE INDEX messages_search_idx ON messages USING gin (conversation_id, search);

ALTER TABLE posts ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, ''))) STORED;
CREATE INDEX posts_search_idx ON posts USING gin (search);

ALTER TABLE comments ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', CASE WHEN deleted THEN '' ELSE coalesce(text, '') END)) STORED;
CREATE INDEX comments_search_idx ON comments USING gin (search);

CREATE INDEX users_display_name_search_idx ON users USING gin (to_tsvector('simple', coalesce(display_name, '')));
