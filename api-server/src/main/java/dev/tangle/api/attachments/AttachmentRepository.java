package dev.tangle.api.attachments;

import java.util.List;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** SQL of attachments: which posts and conversations attach a media item (GIN on {@code media_ids} not needed at this size). */
public final class AttachmentRepository {

    /** Newest posts attaching the media item, at most {@code max}. */
    public List<UUID> postsAttaching(DbExecute db, UUID mediaId, int max) {
        return db.createQuery("SELECT id FROM posts WHERE media_ids @> ?::uuid[] ORDER BY id DESC LIMIT " + max)
                .addParam(Rows.uuidArray(List.of(mediaId))).execute().map(r -> Rows.uuid(r, "id")).toList();
    }

    /** Conversations with a message (not deleted) attaching the media item, at most {@code max}. */
    public List<UUID> conversationsAttaching(DbExecute db, UUID mediaId, int max) {
        return db.createQuery("SELECT DISTINCT conversation_id FROM messages WHERE media_ids @> ?::uuid[] "
                              + "AND deleted_at IS NULL LIMIT " + max)
                .addParam(Rows.uuidArray(List.of(mediaId))).execute().map(r -> Rows.uuid(r, "conversation_id")).toList();
    }
}
