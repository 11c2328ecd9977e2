package dev.tangle.media.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.tangle.common.db.Database;
import dev.tangle.common.outbox.Outbox;
import dev.tangle.common.outbox.OutboxRelay;
import dev.tangle.media.support.MediaMetrics;
import dev.tangle.media.inspect.MediaRejected;
import dev.tangle.media.item.MediaEvents;
import dev.tangle.media.item.MediaItem;
import dev.tangle.media.item.MediaRepository;
import dev.tangle.media.item.Variant;
import dev.tangle.media.store.BlobStore;
import dev.tangle.media.upload.Staging;

/**
 * One processing job: renders the variants of a {@code processing} item, stores them under their fixed keys and
 * flips the row to {@code ready} with its events in one transaction guarded by {@code status = 'processing'}.
 * Redoing a job (a crash after storing variants, a redelivery) overwrites the same keys and finds the row no
 * longer processing, so {@code ready} and the owner's notification are published once.
 */
public final class MediaProcessor {

    private final Database db;
    private final OutboxRelay outbox;
    private final MediaRepository media;
    private final BlobStore blobs;
    private final Staging staging;
    private final ImageProcessor images;
    private final VideoProcessor videos;
    private final MediaMetrics metrics;

    public MediaProcessor(Database db, OutboxRelay outbox, MediaRepository media, BlobStore blobs, Staging staging,
                          ImageProcessor images, VideoProcessor videos, MediaMetrics metrics) {
        this.db = db;
        this.outbox = outbox;
        this.media = media;
        this.blobs = blobs;
        this.staging = staging;
        this.images = images;
        this.videos = videos;
        this.metrics = metrics;
    }

    /** What a job did. */
    public enum Outcome { READY, FAILED, SKIPPED }

    /**
     * Processes the item. A {@link MediaRejected} is handled here (the item fails); any other exception is
     * transient and the job is retried.
     */
    public Outcome process(UUID mediaId) {
        Optional<MediaItem> found = media.find(db.client().execute(), mediaId);
        if (found.isEmpty() || !MediaItem.PROCESSING.equals(found.get().status())) {
            return Outcome.SKIPPED;
        }
        MediaItem item = found.get();
        long start = System.nanoTime();
        Path work = staging.newDirectory();
        try {
            Path original = work.resolve("original");
            blobs.download(MediaItem.key(mediaId, "original"), original);
            Map<String, ImageProcessor.Rendition> renditions;
            String blurhash;
            Integer width;
            Integer height;
            Long durationMs = null;
            if (item.kind().equals("image")) {
                ImageProcessor.Result r = images.process(original, work);
                renditions = r.variants();
                blurhash = r.blurhash();
                width = r.width();
                height = r.height();
            } else {
                VideoProcessor.Result r = videos.process(original, work);
                renditions = r.variants();
                blurhash = r.blurhash();
                width = r.width();
                height = r.height();
                durationMs = r.durationMs();
            }
            Map<String, Variant> variants = store(mediaId, renditions);
            boolean done = finish(item, width, height, durationMs, blurhash, variants);
            metrics.processed(item.kind(), "ready", Duration.ofNanos(System.nanoTime() - start));
            return done ? Outcome.READY : Outcome.SKIPPED;
        } catch (MediaRejected e) {
            fail(item, e.reason());
            metrics.processed(item.kind(), "failed", Duration.ofNanos(System.nanoTime() - start));
            return Outcome.FAILED;
        } finally {
            Staging.deleteQuietly(work);
        }
    }

    /** Marks the item failed (if it still is processing) with its events; used for permanent failures and DLQ. */
    public void fail(UUID mediaId, String reason) {
        media.find(db.client().execute(), mediaId).ifPresent(item -> fail(item, reason));
    }

    private void fail(MediaItem item, String reason) {
        metrics.failed(reason);
        boolean changed = db.inTransaction(tx -> {
            if (!media.markFailed(tx, item.id(), reason)) {
                return false;
            }
            Outbox.addAll(tx, List.of(MediaEvents.failed(item, reason), MediaEvents.notification(item, "media.failed")));
            return true;
        });
        if (changed) {
            outbox.kick();
        }
    }

    private boolean finish(MediaItem item, Integer width, Integer height, Long durationMs, String blurhash,
                           Map<String, Variant> variants) {
        boolean changed = db.inTransaction(tx -> {
            if (!media.markReady(tx, item.id(), width, height, durationMs, blurhash, variants)) {
                return false;
            }
            MediaItem ready = new MediaItem(item.id(), item.ownerId(), item.kind(), item.contentType(), item.filename(),
                    item.size(), MediaItem.READY, null, width, height, durationMs, blurhash, item.location(), variants,
                    item.createdAt());
            Outbox.addAll(tx, List.of(MediaEvents.ready(ready), MediaEvents.notification(ready, "media.ready")));
            return true;
        });
        if (changed) {
            outbox.kick();
        } else if (media.find(db.client().execute(), item.id()).map(MediaItem::deleted).orElse(true)) {
            blobs.deleteAll(MediaItem.prefix(item.id())); // deleted while we worked: leave nothing behind
        }
        return changed;
    }

    private Map<String, Variant> store(UUID mediaId, Map<String, ImageProcessor.Rendition> renditions) {
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (Map.Entry<String, ImageProcessor.Rendition> e : renditions.entrySet()) {
            ImageProcessor.Rendition r = e.getValue();
            blobs.put(MediaItem.key(mediaId, e.getKey()), r.file(), r.contentType());
            variants.put(e.getKey(), new Variant(r.contentType(), r.width(), r.height(), size(r.file()), etag(r.file())));
        }
        return variants;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String etag(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
