package dev.tangle.media.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.media.support.MediaMetrics;
import dev.tangle.media.inspect.ImageInspector;
import dev.tangle.media.inspect.Sniffer;
import dev.tangle.media.inspect.Inspection;
import dev.tangle.media.inspect.MediaRejected;
import dev.tangle.media.inspect.VideoInspector;
import dev.tangle.media.item.MediaEvents;
import dev.tangle.media.item.MediaItem;
import dev.tangle.media.item.MediaRepository;
import dev.tangle.media.store.BlobStore;

/**
 * Turns received bytes into a media item: staged to a local file (never whole in memory), typed from its bytes,
 * inspected (limits, bombs, truncation), stored as {@code media/<id>/original}, then one transaction commits the
 * row and its processing job to the outbox. A failure after the blob was stored deletes it again; what a crash
 * leaves behind is removed by the sweeper.
 */
public final class UploadService {

    private static final int MAX_FILENAME = 255;

    private final Database db;
    private final OutboxRelay outbox;
    private final BlobStore blobs;
    private final Staging staging;
    private final MediaRepository media;
    private final UploadGuard guard;
    private final ImageInspector images;
    private final VideoInspector videos;
    private final Limits limits;
    private final MediaMetrics metrics;

    public UploadService(Database db, OutboxRelay outbox, BlobStore blobs, Staging staging, MediaRepository media,
                         UploadGuard guard, ImageInspector images, VideoInspector videos, Limits limits,
                         MediaMetrics metrics) {
        this.db = db;
        this.outbox = outbox;
        this.blobs = blobs;
        this.staging = staging;
        this.media = media;
        this.guard = guard;
        this.images = images;
        this.videos = videos;
        this.limits = limits;
        this.metrics = metrics;
    }

    public UploadGuard guard() {
        return guard;
    }

    public Limits limits() {
        return limits;
    }

    /** Checks a declared length before anything is read: over the largest upload or the quota is 413. */
    public void admit(UUID owner, long declaredLength) {
        if (declaredLength > limits.maxUploadBytes()) {
            metrics.rejected("too_large");
            throw Problems.payloadTooLarge(limits.maxUploadBytes());
        }
        guard.acquire(owner);
        guard.checkQuota(owner, Math.max(0, declaredLength));
    }

    /** A whole upload in one request body (after {@link #admit}). */
    public MediaItem upload(UUID owner, InputStream body, long declaredLength, String filename, boolean useLocation) {
        Path file = staging.newFile(".upload");
        try {
            long size;
            try {
                size = Staging.copy(body, file, limits.maxUploadBytes(), false);
            } catch (Staging.Interrupted e) {
                throw Problems.badRequest("upload_incomplete", "The upload ended after " + e.received() + " bytes");
            }
            if (declaredLength >= 0 && size != declaredLength) {
                throw Problems.badRequest("upload_incomplete", "Received " + size + " of " + declaredLength + " bytes");
            }
            return accept(owner, file, size, filename, useLocation, true);
        } finally {
            Staging.deleteQuietly(file);
        }
    }

    /**
     * A complete file on local disk (a finished tus upload or a staged body); the caller deletes the file.
     *
     * @param checkQuota false for a finished tus upload: its declared length was counted against the quota when it
     *                   was created, and still is until the item exists
     */
    public MediaItem accept(UUID owner, Path file, long size, String filename, boolean useLocation, boolean checkQuota) {
        if (size == 0) {
            throw Problems.validation("file", "is empty");
        }
        Sniffer.Detected type = Sniffer.detect(head(file), (int) Math.min(size, Sniffer.HEAD_BYTES))
                .orElseThrow(() -> {
                    metrics.rejected("unsupported_type");
                    return ErrorCode.UNSUPPORTED_MEDIA_TYPE.exception(
                            "Not an accepted image or video (JPEG, PNG, WebP, GIF, HEIC; MP4, MOV, WebM), judged by its bytes");
                });
        long kindLimit = type.image() ? limits.maxImageBytes() : limits.maxVideoBytes();
        if (size > kindLimit) {
            metrics.rejected("too_large");
            throw Problems.payloadTooLarge(kindLimit);
        }
        Inspection inspection;
        try {
            inspection = type.image() ? images.inspect(file, type, useLocation) : videos.inspect(file);
        } catch (MediaRejected e) {
            metrics.rejected(e.reason());
            throw e.toApi();
        }
        if (checkQuota) {
            guard.checkQuota(owner, size);
        }
        UUID id = Ids.newId();
        MediaItem item = new MediaItem(id, owner, type.kind(), type.contentType(), cleanName(filename), size,
                MediaItem.PROCESSING, null, inspection.width(), inspection.height(), inspection.durationMs(), null,
                inspection.location(), Map.of(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        blobs.put(MediaItem.key(id, "original"), file, type.contentType());
        try {
            db.inTransaction(tx -> {
                media.insert(tx, item);
                Outbox.add(tx, MediaEvents.job(id));
                return null;
            });
        } catch (RuntimeException e) {
            blobs.delete(MediaItem.key(id, "original"));
            throw e;
        }
        outbox.kick();
        metrics.uploaded(type.kind(), size);
        return item;
    }

    private static byte[] head(Path file) {
        byte[] head = new byte[Sniffer.HEAD_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return n == head.length ? head : java.util.Arrays.copyOf(head, Math.max(n, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cleanName(String filename) {
        if (filename == null) {
            return null;
        }
        String name = filename.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
        if (name.isEmpty()) {
            return null;
        }
        return name.length() > MAX_FILENAME ? name.substring(0, MAX_FILENAME) : name;
    }
}
