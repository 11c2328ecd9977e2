package dev.tangle.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.tangle.common.auth.AuthConfig;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;
import dev.tangle.media.process.Jobs;
import dev.tangle.media.upload.Limits;

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
