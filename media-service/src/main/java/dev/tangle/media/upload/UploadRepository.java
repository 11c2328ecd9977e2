package dev.tangle.media.upload;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.tangle.common.db.Rows;
import io.helidon.dbclient.DbExecute;

/** SQL of the {@code uploads} table (tus uploads), of the storage quota, and of the sweeper's lock and checks. */
public final class UploadRepository {

    public void insert(DbExecute db, UUID id, UUID owner, long length, String filename, boolean useLocation) {
        db.createInsert("INSERT INTO uploads (id, owner_id, length, filename, use_location) VALUES (?, ?, ?, ?, ?)")
                .addParam(id).addParam(owner).addParam(length).addParam(filename).addParam(useLocation).execute();
    }

    public Optional<TusService.Upload> find(DbExecute db, UUID id) {
        return db.createGet("SELECT id, owner_id, length, received, filename, use_location, media_id "
                            + "FROM uploads WHERE id = ?")
                .addParam(id).execute()
                .map(r -> new TusService.Upload(Rows.uuid(r, "id"), Rows.uuid(r, "owner_id"),
                        Rows.longValue(r, "length"), Rows.longValue(r, "received"), Rows.string(r, "filename"),
                        Rows.bool(r, "use_location"), Rows.optionalUuid(r, "media_id").orElse(null)));
    }

    /** Moves {@code received} from {@code offset} to {@code to} (compare-and-set); whether it moved. */
    public boolean advance(DbExecute db, UUID id, long offset, long to) {
        return db.createUpdate("UPDATE uploads SET received = ?, updated_at = now() "
                               + "WHERE id = ? AND received = ? AND media_id IS NULL")
                .addParam(to).addParam(id).addParam(offset).execute() == 1;
    }

    public void complete(DbExecute db, UUID id, UUID mediaId) {
        db.createUpdate("UPDATE uploads SET media_id = ?, updated_at = now() WHERE id = ?")
                .addParam(mediaId).addParam(id).execute();
    }

    public void delete(DbExecute db, UUID id) {
        db.createDelete("DELETE FROM uploads WHERE id = ?").addParam(id).execute();
    }

    /** Bytes a user holds: originals not deleted plus the declared lengths of unfinished uploads. */
    public long usedBytes(DbExecute db, UUID owner) {
        return db.createGet("SELECT (SELECT coalesce(sum(size), 0) FROM media WHERE owner_id = ? "
                            + "AND status <> 'deleted') + (SELECT coalesce(sum(length), 0) FROM uploads WHERE owner_id = ? "
                            + "AND media_id IS NULL) AS used")
                .addParam(owner).addParam(owner).execute()
                .map(r -> ((Number) Rows.raw(r, "used")).longValue()).orElse(0L);
    }

    /** Deletes uploads untouched since {@code before}; their ids. */
    public List<UUID> deleteAbandoned(DbExecute db, Instant before) {
        return db.createQuery("DELETE FROM uploads WHERE updated_at < ? RETURNING id")
                .addParam(Rows.ts(before)).execute().map(r -> Rows.uuid(r, "id")).toList();
    }

    /** Of {@code ids}, the unfinished uploads. */
    public Set<UUID> liveUploads(DbExecute db, Set<UUID> ids) {
        return ids(db, "SELECT id FROM uploads WHERE id = ANY(?::uuid[]) AND media_id IS NULL", ids);
    }

    /** Of {@code ids}, the media items not deleted. */
    public Set<UUID> liveMedia(DbExecute db, Set<UUID> ids) {
        return ids(db, "SELECT id FROM media WHERE id = ANY(?::uuid[]) AND status <> 'deleted'", ids);
    }

    public boolean tryLock(DbExecute db, long key) {
        return db.get("SELECT pg_try_advisory_lock(?) AS ok", key).map(r -> Rows.bool(r, "ok")).orElse(false);
    }

    public void unlock(DbExecute db, long key) {
        db.get("SELECT pg_advisory_unlock(?) AS ok", key);
    }

    private static Set<UUID> ids(DbExecute db, String query, Set<UUID> ids) {
        Set<UUID> found = new HashSet<>();
        db.createQuery(query).addParam(Rows.uuidArray(ids)).execute().forEach(r -> found.add(Rows.uuid(r, "id")));
        return found;
    }
}
