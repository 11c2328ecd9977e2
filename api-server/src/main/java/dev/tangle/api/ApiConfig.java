package dev.tangle.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 * @param chat     conversations and messages
 */
public record ApiConfig(CommonConfig common, IdentityConfig identity, RateLimitConfig rateLimits, ChatConfig chat,
                        AdminConfig admin) {

    public static final String SERVICE = "api-server";

    public static ApiConfig from(Settings settings) {
        return new ApiConfig(CommonConfig.from(settings, SERVICE, 0, "api"), IdentityConfig.from(settings),
                RateLimitConfig.from(settings), ChatConfig.from(settings), AdminConfig.from(settings));
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

    /**
     * Conversations and messages.
     *
     * @param sendStripes        send queues; a conversation's sends always go to the same one, and one
     *                           transaction commits sends of any conversations of its stripe
     *                           ({@code chat.send-stripes}, default 1)
     * @param sendWriters        writers per stripe; more overlap one batch's preparation with another's commit
     *                           ({@code chat.send-writers}, default 2)
     * @param sendBatchMax       most sends committed in one transaction ({@code chat.send-batch-max}, default 256)
     * @param serviceConcurrency most {@code tangle.svc.chat.*} requests handled at once per instance
     *                           ({@code chat.service-concurrency}, default 512)
     */
    public record ChatConfig(int sendStripes, int sendWriters, int sendBatchMax, int serviceConcurrency) {
        static ChatConfig from(Settings s) {
            return new ChatConfig(
                    s.integer("chat.send-stripes", 1, 1, 1024),
                    s.integer("chat.send-writers", 2, 1, 16),
                    s.integer("chat.send-batch-max", 256, 1, 1000),
                    s.integer("chat.service-concurrency", 512, 1, 100_000));
        }
    }

    /**
     * Operators.
     *
     * @param operators handles that are operators, comma separated; they become operators at start-up or when
     *                  they register later ({@code admin.operators}, default none). Further operators are made
     *                  by SQL only ({@code UPDATE users SET role = 'operator'}), never through the API.
     */
    public record AdminConfig(List<String> operators) {
        static AdminConfig from(Settings s) {
            return new AdminConfig(Arrays.stream(s.string("admin.operators", "").split(","))
                    .map(String::trim).filter(h -> !h.isEmpty()).toList());
        }
    }
}
