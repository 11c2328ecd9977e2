package dev.tangle.api.identity;

import dev.tangle.common.config.Settings;

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
    public static RateLimitConfig from(Settings s) {
        return new RateLimitConfig(
                RateLimiter.Limit.read(s, "ratelimit.register-per-ip", "10/1h"),
                RateLimiter.Limit.read(s, "ratelimit.login-per-ip", "30/1m"),
                RateLimiter.Limit.read(s, "ratelimit.login-failures-per-handle", "5/15m"),
                s.bool("ratelimit.trust-forwarded-for", false));
    }
}
