-- "which posts / messages attach media M" for tangle.svc.attachment.can-view (docs/adr/0082)
CREATE INDEX posts_media_idx ON posts USING gin (media_ids);
CREATE INDEX messages_media_idx ON messages USING gin (media_ids);
