package dev.tangle.media.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.tangle.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;

/**
 * media-service's own meters: {@code tangle_media_uploads_total{kind}}, {@code tangle_media_upload_bytes_total{kind}},
 * {@code tangle_media_rejected_total{reason}}, {@code tangle_media_processing_seconds{kind,outcome}},
 * {@code tangle_media_failures_total{reason}}, {@code tangle_media_jobs_pending} and
 * {@code tangle_media_jobs_oldest_seconds}.
 */
public final class MediaMetrics {

    private final Metrics metrics;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public MediaMetrics(Metrics metrics) {
        this.metrics = metrics;
        Gauge.builder(metrics.name("jobs.pending"), pending, AtomicLong::get)
                .description("Processing jobs waiting on TANGLE_JOBS (consumer pending + unacknowledged)")
                .register(metrics.registry());
        Gauge.builder(metrics.name("jobs.oldest.seconds"), oldestSeconds, AtomicLong::get)
                .description("Age of the oldest media item still processing").register(metrics.registry());
    }

    public void uploaded(String kind, long bytes) {
        Counter.builder(metrics.name("uploads")).description("Uploads accepted").tag("kind", kind)
                .register(metrics.registry()).increment();
        Counter.builder(metrics.name("upload.bytes")).description("Bytes of uploads accepted").tag("kind", kind)
                .register(metrics.registry()).increment(bytes);
    }

    public void rejected(String reason) {
        Counter.builder(metrics.name("rejected")).description("Uploads refused, by reason").tag("reason", reason)
                .register(metrics.registry()).increment();
    }

    public void processed(String kind, String outcome, Duration took) {
        Timer.builder(metrics.name("processing")).description("Processing time of one job").tag("kind", kind)
                .tag("outcome", outcome).register(metrics.registry()).record(took);
    }

    public void failed(String reason) {
        Counter.builder(metrics.name("failures")).description("Jobs that failed or were retried, by reason")
                .tag("reason", reason).register(metrics.registry()).increment();
    }

    /** Updates the queue gauges from the given sources (called by the worker's poll loop). */
    public void queue(long pendingJobs, long oldestProcessingSeconds) {
        pending.set(pendingJobs);
        oldestSeconds.set(oldestProcessingSeconds);
    }

    public Supplier<Long> pending() {
        return pending::get;
    }
}
