package dev.tangle.api.community.post;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL for {@code posts}. */
public final class PostRepository {

    /** The columns {@link #post(DbRow)} reads, for queries that select posts with an alias {@code p}. */
    public static final String COLUMNS = "p.id, p.author_id, p.text, p.format, p.visibility, p.group_id, "
            + "array_to_string(p.media_ids, ',') AS media_ids, p.lat, p.lon, p.location_name, "
            + "p.location_precision, p.created_at, p.edited_at, p.comment_count";

    public void insert(DbExecute tx, StoredPost p) {
        Location l = p.location();
        tx.createInsert("INSERT INTO posts (id, author_id, text, format, visibility, group_id, media_ids, lat, lon, "
                        + "location_name, location_precision, created_at) VALUES (?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?, ?)")
                .addParam(p.id()).addParam(p.authorId()).addParam(p.text()).addParam(p.format())
                .addParam(p.visibility().wire()).addParam(p.groupId()).addParam(Rows.uuidArray(p.mediaIds()))
                .addParam(l == null ? null : l.lat()).addParam(l == null ? null : l.lon())
                .addParam(l == null ? null : l.name()).addParam(l == null ? null : l.precision())
                .addParam(Rows.ts(p.createdAt()))
                .execute();
    }

    public Optional<StoredPost> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM posts p WHERE p.id = ?").addParam(id).execute()
                .map(PostRepository::post);
    }

    /** The post locked for an update in this transaction. */
    public Optional<StoredPost> findForUpdate(DbExecute tx, UUID id) {
        return tx.createGet("SELECT " + COLUMNS + " FROM posts p WHERE p.id = ? FOR UPDATE").addParam(id).execute()
                .map(PostRepository::post);
    }

    public void updateText(DbExecute tx, UUID id, String text, String format, java.time.Instant editedAt) {
        tx.createUpdate("UPDATE posts SET text = ?, format = ?, edited_at = ? WHERE id = ?")
                .addParam(text).addParam(format).addParam(Rows.ts(editedAt)).addParam(id).execute();
    }

    public void delete(DbExecute tx, UUID id) {
        tx.createDelete("DELETE FROM posts WHERE id = ?").addParam(id).execute();
    }

    /** Adds {@code delta} to the post's comment count. */
    public void addComments(DbExecute tx, UUID id, int delta) {
        tx.createUpdate("UPDATE posts SET comment_count = comment_count + ? WHERE id = ?")
                .addParam(delta).addParam(id).execute();
    }

    /** Takes the next top-level comment ordinal of the post. */
    public int nextTopLevelOrdinal(DbExecute tx, UUID id) {
        return tx.createGet("UPDATE posts SET comment_seq = comment_seq + 1 WHERE id = ? RETURNING comment_seq")
                .addParam(id).execute().map(row -> Rows.intValue(row, "comment_seq")).orElseThrow();
    }

    public static StoredPost post(DbRow row) {
        String media = Rows.string(row, "media_ids");
        List<UUID> mediaIds = media == null || media.isEmpty() ? List.of()
                : Arrays.stream(media.split(",")).map(UUID::fromString).toList();
        Double lat = Rows.optionalDouble(row, "lat");
        Location location = lat == null ? null : new Location(lat, Rows.optionalDouble(row, "lon"),
                Rows.string(row, "location_name"), Rows.string(row, "location_precision"));
        return new StoredPost(Rows.uuid(row, "id"), Rows.uuid(row, "author_id"), Rows.string(row, "text"),
                Rows.string(row, "format"), Visibility.fromWire(Rows.string(row, "visibility")),
                Rows.uuid(row, "group_id"), mediaIds, location, Rows.instant(row, "created_at"),
                Rows.instant(row, "edited_at"), Rows.intValue(row, "comment_count"));
    }
}
