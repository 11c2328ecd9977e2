/**
 * Processing jobs: the shared durable consumer on {@code TANGLE_JOBS} ({@link dev.tangle.media.process.JobWorker}:
 * bounded concurrency, heartbeats, NAK with backoff, dead letters) and the work of one job (image variants
 * through libvips, video variants through ffmpeg), idempotent when redone.
 */
package dev.tangle.media.process;
