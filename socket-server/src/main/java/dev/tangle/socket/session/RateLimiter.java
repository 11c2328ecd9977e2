package dev.tangle.socket.session;

import java.time.Duration;

import io.github.bucket4j.Bucket;

/**
 * A user's frame budget: {@code burst} frames at once, refilled greedily at {@code perSecond}. Thread-safe. The
 * token bucket is bucket4j's, the same library as api-server's register and login limits (one rate limiter).
 */
final class RateLimiter {

    private final Bucket bucket;

    RateLimiter(int burst, int perSecond) {
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    boolean tryAcquire() {
        return bucket.tryConsume(1);
    }
}
