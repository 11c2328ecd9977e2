package dev.tangle.media.upload;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.media.item.MediaItem;
import dev.tangle.media.store.BlobStore;

/**
 * Resumable uploads (tus 1.0 core + creation). Each PATCH's bytes become one blob {@code uploads/<id>/<offset>}
 * and then advance {@code received} with a compare-and-set on the old offset, so a PATCH that raced another or
 * restarted from a stale offset changes nothing (409). Bytes of a PATCH cut off part-way are kept, so the client
 * resumes from what arrived. The PATCH that reaches the declared length assembles the parts into one local file
 * and hands it to {@link UploadService#accept} — the same checks and commit as a one-shot upload.
 */
public final class TusService {

    private final Database db;
    private final BlobStore blobs;
    private final Staging staging;
    private final UploadService uploads;
    private final UploadRepository rows = new UploadRepository();

    public TusService(Database db, BlobStore blobs, Staging staging, UploadService uploads) {
        this.db = db;
        this.blobs = blobs;
        this.staging = staging;
        this.uploads = uploads;
    }

    /**
     * @param id       upload id
     * @param length   declared total bytes
     * @param received bytes stored so far ({@code Upload-Offset})
     * @param mediaId  the media item once complete
     */
    public record Upload(UUID id, UUID ownerId, long length, long received, String filename, boolean useLocation,
                         UUID mediaId) {
    }

    public Upload create(UUID owner, long length, String filename, boolean useLocation) {
        uploads.admit(owner, length);
        if (length < 1) {
            throw Problems.validation("Upload-Length", "must be at least 1");
        }
        UUID id = Ids.newId();
        rows.insert(db.client().execute(), id, owner, length, UploadService.cleanName(filename), useLocation);
        return new Upload(id, owner, length, 0, filename, useLocation, null);
    }

    /** The upload if the caller owns it; 404 otherwise. */
    public Upload find(UUID owner, UUID id) {
        return rows.find(db.client().execute(), id)
                .filter(u -> u.ownerId().equals(owner))
                .orElseThrow(() -> Problems.notFound("Upload"));
    }

    /** Appends a chunk at {@code offset}; returns the upload as it is afterwards. */
    public Upload append(UUID owner, UUID id, long offset, InputStream body) {
        Upload upload = find(owner, id);
        if (upload.mediaId() != null || offset != upload.received()) {
            throw Problems.conflict("Upload-Offset " + offset + " does not match the upload's offset " + upload.received());
        }
        Path chunk = staging.newFile(".chunk");
        long n;
        boolean cut = false;
        try {
            try {
                n = Staging.copy(body, chunk, upload.length() - offset, false);
            } catch (Staging.Interrupted e) {
                n = e.received();
                cut = true;
            }
            if (n > 0) {
                String key = partKey(id, offset);
                blobs.put(key, chunk, "application/offset+octet-stream");
                if (!rows.advance(db.client().execute(), id, offset, offset + n)) {
                    blobs.delete(key);
                    throw Problems.conflict("The upload moved on concurrently; HEAD it for the current offset");
                }
            }
        } finally {
            Staging.deleteQuietly(chunk);
        }
        Upload after = new Upload(id, owner, upload.length(), offset + n, upload.filename(), upload.useLocation(), null);
        if (cut) {
            throw Problems.badRequest("upload_incomplete", "The request ended after " + n + " bytes; resume at offset "
                                      + after.received());
        }
        return after.received() == after.length() ? complete(after) : after;
    }

    private Upload complete(Upload upload) {
        Path whole = staging.newFile(".tus");
        try {
            for (BlobStore.BlobInfo part : blobs.list(prefix(upload.id()))) {
                try (InputStream in = blobs.open(part.key(), 0, part.size())) {
                    Staging.copy(in, whole, upload.length(), true);
                }
            }
            MediaItem item;
            try {
                item = uploads.accept(upload.ownerId(), whole, upload.length(), upload.filename(), upload.useLocation(),
                        false);
            } catch (ApiException refused) {
                discard(upload.id());
                throw refused;
            }
            rows.complete(db.client().execute(), upload.id(), item.id());
            blobs.deleteAll(prefix(upload.id()));
            return new Upload(upload.id(), upload.ownerId(), upload.length(), upload.length(), upload.filename(),
                    upload.useLocation(), item.id());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            Staging.deleteQuietly(whole);
        }
    }

    private void discard(UUID id) {
        rows.delete(db.client().execute(), id);
        blobs.deleteAll(prefix(id));
    }

    static String prefix(UUID id) {
        return "uploads/" + id + "/";
    }

    /** Zero-padded offsets so the parts list in byte order. */
    static String partKey(UUID id, long offset) {
        return prefix(id) + String.format("%016d", offset);
    }
}
