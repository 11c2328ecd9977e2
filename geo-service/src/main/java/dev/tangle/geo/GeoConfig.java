package dev.tangle.geo;

import java.time.Duration;

import dev.tangle.common.auth.AuthConfig;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;
import dev.tangle.geo.map.MapConfig;

/**
 * Configuration of geo-service.
 *
 * @param common the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 * @param jwt    how access tokens are verified (api-server's JWKS)
 * @param geo    live location, places and safety settings
 * @param map    the memory map ({@code map.*})
 */
public record GeoConfig(CommonConfig common, AuthConfig jwt, GeoSettings geo, MapConfig map) {

    public static final String SERVICE = "geo-service";

    public static GeoConfig from(Settings settings) {
        return new GeoConfig(CommonConfig.from(settings, SERVICE, 2, "geo"), AuthConfig.from(settings),
                GeoSettings.from(settings), MapConfig.from(settings));
    }

    /**
     * @param minUpdateInterval  least time between two processed updates of one sharer; faster ones are coalesced
     *                           into the latest ({@code geo.min-update-interval}, default 1s)
     * @param staleAfter         a live share without updates this long is stale ({@code geo.stale-after}, 10m)
     * @param lowBatteryPct      battery level at or below which a stale share says {@code low_battery}
     *                           ({@code geo.low-battery-pct}, 10)
     * @param placeMarginM       hysteresis: a user inside a place leaves it only beyond radius + this many metres
     *                           ({@code geo.place-margin-m}, 100)
     * @param timerPollInterval  how often each instance polls due timers ({@code geo.timer-poll-interval}, 500ms)
     * @param requestTimeout     timeout of requests to api-server ({@code geo.request-timeout}, 5s)
     * @param serviceConcurrency {@code tangle.svc.geo.*} requests handled at once ({@code geo.service-concurrency}, 8192:
     *                           a location update only takes its sharer's slot, so this is an overload guard)
     * @param viewerCacheTtl     how long a sharer's resolved viewers are cached without an invalidation
     *                           ({@code geo.viewer-cache-ttl}, 5m; every entry is also dropped after a NATS reconnect)
     * @param defaultEscalation  SOS escalation when a user set none ({@code geo.sos-escalate-after}, 120s)
     * @param processingConcurrency location updates (of different sharers) in their audience-and-push step at once
     *                           (their place transitions' commits are waited for outside it); the others wait
     *                           ({@code geo.processing-concurrency}, 64)
     * @param locationStoreEvery least time between two writes of one sharer's last location to {@code tangle_location}
     *                           ({@code geo.location-store-every}, 5s; this instance serves its newer values from
     *                           memory, a crash loses at most this much, docs/adr/0152)
     */
    public record GeoSettings(Duration minUpdateInterval, Duration staleAfter, int lowBatteryPct, int placeMarginM,
                              Duration timerPollInterval, Duration requestTimeout, int serviceConcurrency,
                              Duration viewerCacheTtl, Duration defaultEscalation, int processingConcurrency,
                              Duration locationStoreEvery) {

        static GeoSettings from(Settings s) {
            return new GeoSettings(
                    s.duration("geo.min-update-interval", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                    s.duration("geo.stale-after", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofHours(8)),
                    s.integer("geo.low-battery-pct", 10, 0, 100),
                    s.integer("geo.place-margin-m", 100, 0, 5000),
                    s.duration("geo.timer-poll-interval", Duration.ofMillis(500), Duration.ofMillis(10), Duration.ofMinutes(1)),
                    s.duration("geo.request-timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1)),
                    s.integer("geo.service-concurrency", 8192, 1, 100_000),
                    s.duration("geo.viewer-cache-ttl", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(1)),
                    s.duration("geo.sos-escalate-after", Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofHours(24)),
                    s.integer("geo.processing-concurrency", 64, 1, 10_000),
                    s.duration("geo.location-store-every", Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(10)));
        }
    }
}
