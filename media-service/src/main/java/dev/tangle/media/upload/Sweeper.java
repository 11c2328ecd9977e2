package dev.tangle.media.upload;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tangle.common.db.Database;
import dev.tangle.media.store.BlobStore;

/**
 * Removes what no row owns: unfinished tus uploads untouched for {@code abandonAfter} (row and chunks), chunks and
 * media blobs whose row is gone or deleted (a crash between storing and committing, a failed delete), and stale
 * staging files. Blobs younger than the grace period are left alone: their row may be about to commit. Safe with
 * many instances (deletes are idempotent; one sweeps at a time through an advisory lock).
 */
public final class Sweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());
    private static final long LOCK = 0x7461_6e67_6c65_6d00L; // "tanglem\0"

    private final Database db;
    private final BlobStore blobs;
    private final Path staging;
    private final Duration abandonAfter;
    private final Duration grace;
    private final Clock clock;
    private final UploadRepository rows = new UploadRepository();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("media-sweeper").factory());

    public Sweeper(Database db, BlobStore blobs, Path staging, Duration abandonAfter, Duration grace, Clock clock) {
        this.db = db;
        this.blobs = blobs;
        this.staging = staging;
        this.abandonAfter = abandonAfter;
        this.grace = grace;
        this.clock = clock;
    }

    public Sweeper start(Duration interval) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweepOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "media sweep failed: " + e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** What one pass removed. */
    public record Swept(int uploads, int blobs, int tempFiles) {
    }

    public Swept sweepOnce() {
        var exec = db.client().execute();
        if (!rows.tryLock(exec, LOCK)) {
            return new Swept(0, 0, 0);
        }
        try {
            int uploads = 0;
            for (UUID id : rows.deleteAbandoned(exec, clock.instant().minus(abandonAfter))) {
                blobs.deleteAll("uploads/" + id + "/");
                uploads++;
            }
            int removed = orphans("uploads/", ids -> rows.liveUploads(exec, ids))
                          + orphans("media/", ids -> rows.liveMedia(exec, ids));
            return new Swept(uploads, removed, staleTempFiles());
        } finally {
            rows.unlock(exec, LOCK);
        }
    }

    /** Deletes blobs under the prefix whose id (the next path segment) {@code live} does not return. */
    private int orphans(String prefix, java.util.function.UnaryOperator<Set<UUID>> live) {
        List<BlobStore.BlobInfo> all = blobs.list(prefix);
        Set<UUID> ids = new HashSet<>();
        for (BlobStore.BlobInfo b : all) {
            id(prefix, b.key()).ifPresent(ids::add);
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Set<UUID> alive = live.apply(ids);
        Instant cutoff = clock.instant().minus(grace);
        int n = 0;
        for (BlobStore.BlobInfo b : all) {
            var id = id(prefix, b.key());
            if (id.isPresent() && !alive.contains(id.get()) && b.lastModified().isBefore(cutoff)) {
                blobs.delete(b.key());
                n++;
            }
        }
        return n;
    }

    private static java.util.Optional<UUID> id(String prefix, String key) {
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        try {
            return java.util.Optional.of(UUID.fromString(slash < 0 ? rest : rest.substring(0, slash)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private int staleTempFiles() {
        if (!Files.isDirectory(staging)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(abandonAfter.compareTo(Duration.ofHours(2)) < 0 ? abandonAfter : Duration.ofHours(2));
        int[] n = {0};
        try (Stream<Path> entries = Files.list(staging)) {
            entries.forEach(p -> {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Staging.deleteQuietly(p);
                        n[0]++;
                    }
                } catch (IOException ignored) {
                    // gone already
                }
            });
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list " + staging + ": " + e);
        }
        return n[0];
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
