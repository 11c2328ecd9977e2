package dev.tangle.api.identity;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tangle.common.config.Settings;
import dev.tangle.common.error.Problems;
import io.github.bucket4j.Bucket;

/**
 * Token buckets per key (an IP address, a handle), in memory of this instance (docs/adr/0011). A limit of
 * {@code n} per {@code period} allows a burst of {@code n} and refills greedily. Full buckets are dropped when
 * the map grows past {@code maxKeys}, so random keys cannot exhaust memory.
 */
public final class RateLimiter {


    private final Limit limit;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * {@code n} events per {@code period}.
     *
     * @param capacity events allowed in a period
     * @param period   the period
     */
    public record Limit(long capacity, Duration period) {

        /** Reads a limit such as {@code 5/15m} (units ms, s, m, h, d). */
        public static Limit read(Settings s, String key, String defaultValue) {
            Settings.Rate rate = s.rate(key, defaultValue);
            return new Limit(rate.count(), rate.period());
        }
    }

    public RateLimiter(Limit limit, int maxKeys) {
        this.limit = limit;
        this.maxKeys = maxKeys;
    }

    /** Takes one token for {@code key}, or fails with 429 and the time until one is available. */
    public void consume(String key) {
        var probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw Problems.rateLimited(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** Fails with 429 if {@code key} has no token left, without taking one. */
    public void check(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            var estimate = bucket.estimateAbilityToConsume(1);
            if (!estimate.canBeConsumed()) {
                throw Problems.rateLimited(Duration.ofNanos(estimate.getNanosToWaitForRefill()));
            }
        }
    }

    /** Takes one token if there is one (counting a failure); never fails. */
    public void record(String key) {
        bucket(key).tryConsume(1);
    }

    private Bucket bucket(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxKeys) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.capacity());
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
    }
}
