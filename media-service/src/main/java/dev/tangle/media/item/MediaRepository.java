package dev.tangle.media.item;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tangle.common.db.Rows;
import dev.tangle.common.json.Json;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/** SQL of the {@code media} table. */
public final class MediaRepository {

    private static final String COLUMNS = "id, owner_id, kind, content_type, filename, size, status, failure, width, "
            + "height, duration_ms, blurhash, lat, lon, variants::text AS variants, created_at";
    private static final TypeReference<LinkedHashMap<String, Variant>> VARIANTS = new TypeReference<>() {
    };

    public void insert(DbExecute tx, MediaItem m) {
        tx.createInsert("INSERT INTO media (id, owner_id, kind, content_type, filename, size, status, width, height, "
                        + "duration_ms, use_location, lat, lon, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .addParam(m.id()).addParam(m.ownerId()).addParam(m.kind()).addParam(m.contentType())
                .addParam(m.filename()).addParam(m.size()).addParam(m.status()).addParam(m.width())
                .addParam(m.height()).addParam(m.durationMs()).addParam(m.location() != null)
                .addParam(m.location() == null ? null : m.location().lat())
                .addParam(m.location() == null ? null : m.location().lon())
                .addParam(Rows.ts(m.createdAt()))
                .execute();
    }

    public Optional<MediaItem> find(DbExecute db, UUID id) {
        return db.createGet("SELECT " + COLUMNS + " FROM media WHERE id = ?").addParam(id).execute().map(MediaRepository::map);
    }

    public Optional<MediaItem> findForUpdate(DbExecute tx, UUID id) {
        return tx.createGet("SELECT " + COLUMNS + " FROM media WHERE id = ? FOR UPDATE").addParam(id).execute()
                .map(MediaRepository::map);
    }

    public List<MediaItem> findAll(DbExecute db, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.createQuery("SELECT " + COLUMNS + " FROM media WHERE id = ANY(?::uuid[])")
                .addParam(Rows.uuidArray(List.copyOf(ids))).execute().map(MediaRepository::map).toList();
    }

    /** Marks an item processed; false when it was no longer {@code processing} (done before, failed or deleted). */
    public boolean markReady(DbExecute tx, UUID id, Integer width, Integer height, Long durationMs, String blurhash,
                             Map<String, Variant> variants) {
        return tx.createUpdate("UPDATE media SET status = 'ready', width = coalesce(?, width), "
                               + "height = coalesce(?, height), duration_ms = coalesce(?, duration_ms), blurhash = ?, "
                               + "variants = ?::jsonb, processed_at = now() WHERE id = ? AND status = 'processing'")
                .addParam(width).addParam(height).addParam(durationMs).addParam(blurhash)
                .addParam(new String(Json.write(variants), java.nio.charset.StandardCharsets.UTF_8)).addParam(id)
                .execute() == 1;
    }

    public boolean markFailed(DbExecute tx, UUID id, String reason) {
        return tx.createUpdate("UPDATE media SET status = 'failed', failure = ?, processed_at = now() "
                               + "WHERE id = ? AND status = 'processing'")
                .addParam(reason).addParam(id).execute() == 1;
    }

    public boolean markDeleted(DbExecute tx, UUID id) {
        return tx.createUpdate("UPDATE media SET status = 'deleted', variants = '{}', blurhash = NULL, lat = NULL, "
                               + "lon = NULL, deleted_at = now() WHERE id = ? AND status <> 'deleted'")
                .addParam(id).execute() == 1;
    }

    /** Bytes of originals the user keeps (deleted items no longer count). */
    public long bytesUsed(DbExecute db, UUID ownerId) {
        return db.createGet("SELECT coalesce(sum(size), 0)::bigint AS n FROM media WHERE owner_id = ? AND status <> 'deleted'")
                .addParam(ownerId).execute().map(r -> Rows.longValue(r, "n")).orElse(0L);
    }

    /** Whether a row (in any status) owns the id, for the sweeper. */
    public boolean exists(DbExecute db, UUID id) {
        return db.createGet("SELECT 1 FROM media WHERE id = ? AND status <> 'deleted'").addParam(id).execute().isPresent();
    }

    /** Age in seconds of the oldest item still processing (0 if none) and how many there are. */
    public long[] backlog(DbExecute db) {
        return db.createGet("SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age "
                            + "FROM media WHERE status = 'processing'").execute()
                .map(r -> new long[] {Rows.longValue(r, "n"), Rows.longValue(r, "age")}).orElse(new long[] {0, 0});
    }

    private static Integer integer(DbRow row, String column) {
        Object value = Rows.raw(row, column);
        return value == null ? null : ((Number) value).intValue();
    }

    static MediaItem map(DbRow row) {
        Double lat = Rows.optionalDouble(row, "lat");
        Double lon = Rows.optionalDouble(row, "lon");
        String variants = Rows.string(row, "variants");
        Map<String, Variant> parsed = variants == null || variants.isEmpty() ? Map.of()
                : Json.MAPPER.convertValue(Json.tree(variants.getBytes(java.nio.charset.StandardCharsets.UTF_8)), VARIANTS);
        Number duration = (Number) Rows.raw(row, "duration_ms");
        return new MediaItem(Rows.uuid(row, "id"), Rows.uuid(row, "owner_id"), Rows.string(row, "kind"),
                Rows.string(row, "content_type"), Rows.string(row, "filename"), Rows.longValue(row, "size"),
                Rows.string(row, "status"), Rows.string(row, "failure"), integer(row, "width"), integer(row, "height"), duration == null ? null : duration.longValue(),
                Rows.string(row, "blurhash"), lat == null || lon == null ? null : new MediaItem.GeoPoint(lat, lon),
                parsed, Rows.instant(row, "created_at"));
    }
}
