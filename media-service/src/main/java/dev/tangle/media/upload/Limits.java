package dev.tangle.media.upload;

import java.time.Duration;

import dev.tangle.common.config.Settings;

/**
 * Upload limits, quota and rate ({@code media.*}), part of {@code MediaConfig}.
 *
 * @param maxImageBytes   largest image upload ({@code media.max-image-bytes}, default 25MiB)
 * @param maxVideoBytes   largest video upload and largest tus {@code Upload-Length} ({@code media.max-video-bytes}, default 500MiB)
 * @param maxPixels       largest image in pixels, read from the header before decoding ({@code media.max-pixels}, default 100000000)
 * @param maxVideoLength  longest video ({@code media.max-video-duration}, default 10m)
 * @param quotaBytes      bytes a user may keep, originals plus unfinished uploads ({@code media.quota-bytes}, default 5GiB)
 * @param uploadRate      uploads (and tus creations) per user ({@code media.upload-rate}, {@code count/period}, default 60/1h)
 */
public record Limits(long maxImageBytes, long maxVideoBytes, long maxPixels, Duration maxVideoLength,
                     long quotaBytes, Settings.Rate uploadRate) {
    public static Limits from(Settings s) {
        return new Limits(
                s.bytes("media.max-image-bytes", 25L << 20, 1024, 1L << 30),
                s.bytes("media.max-video-bytes", 500L << 20, 1024, 8L << 30),
                s.bytes("media.max-pixels", 100_000_000L, 1, 1_000_000_000L),
                s.duration("media.max-video-duration", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofHours(4)),
                s.bytes("media.quota-bytes", 5L << 30, 1024, 1L << 50),
                s.rate("media.upload-rate", "60/1h"));
    }

    public long maxUploadBytes() {
        return Math.max(maxImageBytes, maxVideoBytes);
    }
}
