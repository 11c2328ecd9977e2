-- BannedUsers reloads the banned ids on every instance every 30 s; without this the reload read every user row.
CREATE INDEX users_banned_idx ON users (id) WHERE banned_at IS NOT NULL;
