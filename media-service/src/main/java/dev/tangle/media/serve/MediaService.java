package dev.tangle.media.serve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.contract.MediaContract;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.media.item.MediaEvents;
import dev.tangle.media.item.MediaItem;
import dev.tangle.media.item.MediaRepository;
import dev.tangle.media.store.BlobStore;

/** Reading and deleting media items, with the visibility rule of {@link AccessChecker}. */
public final class MediaService {

    private static final System.Logger LOG = System.getLogger(MediaService.class.getName());
    public static final int MAX_LOOKUP = 100;

    private final Database db;
    private final OutboxRelay outbox;
    private final MediaRepository media;
    private final BlobStore blobs;
    private final AccessChecker access;

    public MediaService(Database db, OutboxRelay outbox, MediaRepository media, BlobStore blobs, AccessChecker access) {
        this.db = db;
        this.outbox = outbox;
        this.media = media;
        this.blobs = blobs;
        this.access = access;
    }

    /** The item if the viewer may see it; 404 otherwise (also when deleted). */
    public MediaItem visible(UUID viewer, UUID id) {
        MediaItem item = media.find(db.client().execute(), id).filter(m -> !m.deleted())
                .orElseThrow(() -> Problems.notFound("Media"));
        if (!access.canView(viewer, item)) {
            throw Problems.notFound("Media");
        }
        return item;
    }

    /** The item for a signed URL (the signature was checked by the caller); 404 when gone. */
    public MediaItem bySignedUrl(UUID id) {
        return media.find(db.client().execute(), id).filter(m -> !m.deleted())
                .orElseThrow(() -> Problems.notFound("Media"));
    }

    /** Owner only: the row becomes a placeholder, the bytes are removed, {@code media.deleted} is published. */
    public void delete(UUID viewer, UUID id) {
        MediaItem item = db.inTransaction(tx -> {
            MediaItem m = media.findForUpdate(tx, id).filter(x -> !x.deleted() && x.ownerId().equals(viewer))
                    .orElseThrow(() -> Problems.notFound("Media"));
            media.markDeleted(tx, id);
            Outbox.add(tx, MediaEvents.deleted(m));
            return m;
        });
        outbox.kick();
        access.forget(id);
        try {
            blobs.deleteAll(MediaItem.prefix(item.id()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Bytes of deleted media " + id + " stay until the sweeper: " + e);
        }
    }

    /** {@code tangle.svc.media.lookup}: current metadata of the ids that exist. */
    public MediaContract.LookupReply lookup(MediaContract.LookupRequest request) {
        List<String> raw = request.ids() == null ? List.of() : request.ids();
        if (raw.size() > MAX_LOOKUP) {
            throw Problems.validation("ids", "at most " + MAX_LOOKUP);
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            int index = i;
            ids.add(Ids.parse(raw.get(i)).orElseThrow(() -> Problems.validation("ids[" + index + "]", "is not an id")));
        }
        Map<UUID, MediaItem> found = new HashMap<>();
        media.findAll(db.client().execute(), ids).forEach(m -> found.put(m.id(), m));
        List<MediaContract.MediaSummary> items = new ArrayList<>();
        for (UUID id : ids) {
            MediaItem m = found.get(id);
            if (m != null) {
                items.add(m.deleted()
                        ? new MediaContract.MediaSummary(id.toString(), m.ownerId().toString(), m.kind(),
                                MediaItem.DELETED, null, null, null, null, null)
                        : new MediaContract.MediaSummary(id.toString(), m.ownerId().toString(), m.kind(), m.status(),
                                m.contentType(), m.width(), m.height(), m.durationMs(), m.blurhash()));
            }
        }
        return new MediaContract.LookupReply(items);
    }
}
