package dev.tangle.media.upload;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.tangle.common.db.Database;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
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
    private final Limits limits;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final UploadRepository rows = new UploadRepository();

    public UploadGuard(Database db, Limits limits) {
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
        long used = rows.usedBytes(db.client().execute(), userId);
        if (used + more > limits.quotaBytes()) {
            throw quotaExceeded(used);
        }
    }

    private ApiException quotaExceeded(long used) {
        return ErrorCode.PAYLOAD_TOO_LARGE.exception("Storage quota exceeded: " + used + " of " + limits.quotaBytes()
                                                     + " bytes are used");
    }
}
