package dev.tangle.media.upload;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.tangle.common.db.Database;
import dev.tangle.common.db.Rows;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
import dev.tangle.media.MediaConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Per-user upload rate (a token bucket per user in this instance, bucket4j) and storage quota (originals kept
 * plus unfinished tus uploads' declared lengths, from PostgreSQL, so it holds across instances).
 */
public final class UploadGuard {

    private static final int MAX_USERS = 100_000;

    private final Database db;
    private final MediaConfig.Limits limits;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    public UploadGuard(Database db, MediaConfig.Limits limits) {
        this.db = db;
        this.limits = limits;
    }

    /** Takes one upload from the user's rate; 429 with {@code Retry-After} when there is none left. */
    public void acquire(UUID userId) {
        if (buckets.size() > MAX_USERS) {
            buckets.clear(); // bounded memory; at worst a user gets a fresh bucket
        }
        Bucket bucket = buckets.computeIfAbsent(userId, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.uploadRate().count())
                        .refillIntervally(limits.uploadRate().count(), limits.uploadRate().period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw Problems.rateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** 413 when {@code more} bytes would take the user over the quota. */
    public void checkQuota(UUID userId, long more) {
        long used = db.client().execute().createGet("SELECT (SELECT coalesce(sum(size), 0) FROM media WHERE owner_id = ? "
                        + "AND status <> 'deleted') + (SELECT coalesce(sum(length), 0) FROM uploads WHERE owner_id = ? "
                        + "AND media_id IS NULL) AS used")
                .addParam(userId).addParam(userId).execute()
                .map(r -> ((Number) Rows.raw(r, "used")).longValue()).orElse(0L);
        if (used + more > limits.quotaBytes()) {
            throw quotaExceeded(used);
        }
    }

    private ApiException quotaExceeded(long used) {
        return ErrorCode.PAYLOAD_TOO_LARGE.exception("Storage quota exceeded: " + used + " of " + limits.quotaBytes()
                                                     + " bytes are used");
    }
}
