package dev.tangle.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.tangle.api.identity.RateLimiter;
import dev.tangle.common.config.CommonConfig;
import dev.tangle.common.config.Settings;

/**
 * Configuration of api-server.
 *
 * @param common   the keys every service shares (ports, PostgreSQL, NATS, shutdown)
 * @param identity accounts and tokens
 * @param rateLimits limits of register and login
 */
public record ApiConfig(CommonConfig common, IdentityConfig identity, RateLimitConfig rateLimits) {

    public static final String SERVICE = "api-server";

    public static ApiConfig from(Settings settings) {
        return new ApiConfig(CommonConfig.from(settings, SERVICE, 0, "api"), IdentityConfig.from(settings),
                RateLimitConfig.from(settings));
    }

    /**
     * Accounts and tokens.
     *
     * @param issuer     {@code iss} of access tokens ({@code jwt.issuer}, default tangle)
     * @param audience   {@code aud} of access tokens ({@code jwt.audience}, default tangle)
     * @param accessTtl  access token lifetime ({@code jwt.access-ttl}, default 15m, at most 15m)
     * @param refreshTtl refresh token lifetime ({@code jwt.refresh-ttl}, default 30d)
     * @param keysJson   signing keys as a JWK set with private keys ({@code jwt.keys}; env only — a secret)
     * @param keysFile   file holding that JWK set, created with a fresh key if missing
     *                   ({@code jwt.keys-file}, default .tangle/jwt-keys.json)
     */
    public record IdentityConfig(String issuer, String audience, Duration accessTtl, Duration refreshTtl,
                                 Optional<String> keysJson, Path keysFile) {
        static IdentityConfig from(Settings s) {
            return new IdentityConfig(
                    s.string("jwt.issuer", "tangle"),
                    s.string("jwt.audience", "tangle"),
                    s.duration("jwt.access-ttl", Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(15)),
                    s.duration("jwt.refresh-ttl", Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)),
                    s.optionalString("jwt.keys"),
                    Path.of(s.string("jwt.keys-file", ".tangle/jwt-keys.json")));
        }
    }

    /**
     * Rate limits of register and login, in memory per instance (docs/adr/0011). Rates are {@code count/period}.
     *
     * @param registerPerIp          registrations per client IP ({@code ratelimit.register-per-ip}, default 10/1h)
     * @param loginPerIp             login attempts per client IP ({@code ratelimit.login-per-ip}, default 30/1m)
     * @param loginFailuresPerHandle failed logins per handle ({@code ratelimit.login-failures-per-handle}, default 5/15m)
     * @param trustForwardedFor      take the client IP from the last {@code X-Forwarded-For} entry, behind a
     *                               trusted proxy only ({@code ratelimit.trust-forwarded-for}, default false)
     */
    public record RateLimitConfig(RateLimiter.Limit registerPerIp, RateLimiter.Limit loginPerIp,
                                  RateLimiter.Limit loginFailuresPerHandle, boolean trustForwardedFor) {
        static RateLimitConfig from(Settings s) {
            return new RateLimitConfig(
                    RateLimiter.Limit.read(s, "ratelimit.register-per-ip", "10/1h"),
                    RateLimiter.Limit.read(s, "ratelimit.login-per-ip", "30/1m"),
                    RateLimiter.Limit.read(s, "ratelimit.login-failures-per-handle", "5/15m"),
                    s.bool("ratelimit.trust-forwarded-for", false));
        }
    }
}
