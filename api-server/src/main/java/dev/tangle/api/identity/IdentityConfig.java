package dev.tangle.api.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.tangle.common.config.Settings;

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
    public static IdentityConfig from(Settings s) {
        return new IdentityConfig(
                s.string("jwt.issuer", "tangle"),
                s.string("jwt.audience", "tangle"),
                s.duration("jwt.access-ttl", Duration.ofMinutes(15), Duration.ofSeconds(5), Duration.ofMinutes(15)),
                s.duration("jwt.refresh-ttl", Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)),
                s.optionalString("jwt.keys"),
                Path.of(s.string("jwt.keys-file", ".tangle/jwt-keys.json")));
    }
}
