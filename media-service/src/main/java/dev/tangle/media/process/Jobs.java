package dev.tangle.media.process;

import java.time.Duration;

import dev.tangle.common.config.Settings;

/**
 * Processing workers ({@code media.jobs.*}), part of {@code MediaConfig}.
 *
 * @param concurrency jobs processed at once per instance ({@code media.jobs.concurrency}, default 2)
 * @param ackWait     redelivery after this long without progress, e.g. a killed worker ({@code media.jobs.ack-wait}, default 30s)
 * @param maxAttempts deliveries before a job goes to the dead-letter subject ({@code media.jobs.max-attempts}, default 5)
 * @param backoff     first retry delay, doubled per attempt ({@code media.jobs.backoff}, default 2s)
 * @param timeout     longest time one job may take ({@code media.jobs.timeout}, default 5m)
 * @param vipsThreads libvips threads inside one job's pipeline; 0 is libvips's default, the cores
 *                    ({@code media.jobs.vips-threads}, default 1: jobs already run in parallel)
 */
public record Jobs(int concurrency, Duration ackWait, int maxAttempts, Duration backoff, Duration timeout,
                   int vipsThreads) {
    public static Jobs from(Settings s) {
        return new Jobs(
                s.integer("media.jobs.concurrency", 2, 1, 256),
                s.duration("media.jobs.ack-wait", Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofHours(1)),
                s.integer("media.jobs.max-attempts", 5, 1, 100),
                s.duration("media.jobs.backoff", Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofHours(1)),
                s.duration("media.jobs.timeout", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(2)),
                s.integer("media.jobs.vips-threads", 1, 0, 64));
    }
}
