package dev.tangle.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.tangle.common.auth.AuthConfig;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of media-service.
 *
 * @param common   the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 * @param jwt      how access tokens are verified (api-server's JWKS)
 * @param limits   upload limits, quota and rate
 * @param storage  where bytes are kept
 * @param jobs     processing workers
 * @param serving  signed URLs and caching
 */
public record MediaConfig(CommonConfig common, AuthConfig jwt, Limits limits, Storage storage, Jobs jobs,
                          Serving serving) {

    public static final String SERVICE = "media-service";

    public static MediaConfig from(Settings settings) {
        return new MediaConfig(CommonConfig.from(settings, SERVICE, 3, "media"), AuthConfig.from(settings),
                Limits.from(settings), Storage.from(settings), Jobs.from(settings), Serving.from(settings));
    }

    /**
     * @param maxImageBytes   largest image upload ({@code media.max-image-bytes}, default 25MiB)
     * @param maxVideoBytes   largest video upload and largest tus {@code Upload-Length} ({@code media.max-video-bytes}, default 500MiB)
     * @param maxPixels       largest image in pixels, read from the header before decoding ({@code media.max-pixels}, default 100000000)
     * @param maxVideoLength  longest video ({@code media.max-video-duration}, default 10m)
     * @param quotaBytes      bytes a user may keep, originals plus unfinished uploads ({@code media.quota-bytes}, default 5GiB)
     * @param uploadRate      uploads (and tus creations) per user ({@code media.upload-rate}, {@code count/period}, default 60/1h)
     */
    public record Limits(long maxImageBytes, long maxVideoBytes, long maxPixels, Duration maxVideoLength,
                         long quotaBytes, Rate uploadRate) {
        static Limits from(Settings s) {
            return new Limits(
                    s.bytes("media.max-image-bytes", 25L << 20, 1024, 1L << 30),
                    s.bytes("media.max-video-bytes", 500L << 20, 1024, 8L << 30),
                    s.bytes("media.max-pixels", 100_000_000L, 1, 1_000_000_000L),
                    s.duration("media.max-video-duration", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofHours(4)),
                    s.bytes("media.quota-bytes", 5L << 30, 1024, 1L << 50),
                    Rate.read(s, "media.upload-rate", "60/1h"));
        }

        public long maxUploadBytes() {
            return Math.max(maxImageBytes, maxVideoBytes);
        }
    }

    /** {@code count/period}, e.g. {@code 60/1h}. */
    public record Rate(long count, Duration period) {
        static Rate read(Settings s, String key, String defaultValue) {
            String value = s.string(key, defaultValue);
            var m = java.util.regex.Pattern.compile("(\\d+)\\s*/\\s*(\\d+)(ms|s|m|h|d)").matcher(value.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) < 1 || Long.parseLong(m.group(2)) < 1) {
                throw s.invalid(key, value, "is not count/period such as 60/1h");
            }
            long amount = Long.parseLong(m.group(2));
            Duration period = switch (m.group(3)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new Rate(Long.parseLong(m.group(1)), period);
        }
    }

    /**
     * @param backend    {@code local} or {@code s3} ({@code media.storage}, default local)
     * @param dir        root of the local store and of temporary files ({@code media.storage-dir}, default .tangle/media)
     * @param s3Endpoint S3 endpoint URL, empty for AWS ({@code media.s3.endpoint})
     * @param s3Bucket   bucket ({@code media.s3.bucket}, default tangle-media)
     * @param s3Region   region ({@code media.s3.region}, default us-east-1)
     * @param s3AccessKey access key ({@code media.s3.access-key}; env only)
     * @param s3SecretKey secret key ({@code media.s3.secret-key}; env only)
     * @param sweepInterval how often abandoned uploads and orphan blobs are removed ({@code media.sweep-interval}, default 10m)
     * @param abandonAfter an unfinished upload untouched this long is removed ({@code media.abandon-after}, default 24h)
     */
    public record Storage(String backend, Path dir, Optional<URI> s3Endpoint, String s3Bucket, String s3Region,
                          String s3AccessKey, String s3SecretKey, Duration sweepInterval, Duration abandonAfter) {
        static Storage from(Settings s) {
            String backend = s.string("media.storage", "local");
            if (!backend.equals("local") && !backend.equals("s3")) {
                throw s.invalid("media.storage", backend, "must be local or s3");
            }
            return new Storage(backend, Path.of(s.string("media.storage-dir", ".tangle/media")),
                    s.optionalString("media.s3.endpoint").map(URI::create),
                    s.string("media.s3.bucket", "tangle-media"), s.string("media.s3.region", "us-east-1"),
                    s.string("media.s3.access-key", ""), s.string("media.s3.secret-key", ""),
                    s.duration("media.sweep-interval", Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofDays(1)),
                    s.duration("media.abandon-after", Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofDays(30)));
        }
    }

    /**
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
        static Jobs from(Settings s) {
            return new Jobs(
                    s.integer("media.jobs.concurrency", 2, 1, 256),
                    s.duration("media.jobs.ack-wait", Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofHours(1)),
                    s.integer("media.jobs.max-attempts", 5, 1, 100),
                    s.duration("media.jobs.backoff", Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofHours(1)),
                    s.duration("media.jobs.timeout", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(2)),
                    s.integer("media.jobs.vips-threads", 1, 0, 64));
        }
    }

    /**
     * @param urlTtl        lifetime of signed content URLs ({@code media.url-ttl}, default 10m)
     * @param urlKey        HMAC key of signed URLs ({@code media.url-key}; env only), else read or created in
     * @param urlKeyFile    ({@code media.url-key-file}, default .tangle/media-url.key); all instances must share it
     * @param accessCacheTtl how long a "may see" answer of api-server is reused ({@code media.access-cache-ttl}, default 30s)
     * @param requestTimeout timeout of requests to api-server over NATS ({@code media.request-timeout}, default 3s)
     */
    public record Serving(Duration urlTtl, Optional<String> urlKey, Path urlKeyFile, Duration accessCacheTtl,
                          Duration requestTimeout) {
        static Serving from(Settings s) {
            return new Serving(
                    s.duration("media.url-ttl", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofDays(7)),
                    s.optionalString("media.url-key"),
                    Path.of(s.string("media.url-key-file", ".tangle/media-url.key")),
                    s.duration("media.access-cache-ttl", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                    s.duration("media.request-timeout", Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(1)));
        }
    }
}
