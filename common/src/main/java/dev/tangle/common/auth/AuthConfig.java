package dev.tangle.common.auth;

import java.net.URI;
import java.time.Duration;

import dev.tangle.common.config.Settings;

/**
 * How a service verifies access tokens issued by api-server.
 *
 * @param jwksUrl         where api-server publishes its public keys ({@code jwt.jwks-url},
 *                        default http://127.0.0.1:8080/.well-known/jwks.json)
 * @param issuer          expected {@code iss} ({@code jwt.issuer}, default tangle)
 * @param audience        expected {@code aud} ({@code jwt.audience}, default tangle)
 * @param refetchInterval least time between two fetches caused by an unknown {@code kid}
 *                        ({@code jwt.jwks-refetch-interval}, default 30s)
 */
public record AuthConfig(URI jwksUrl, String issuer, String audience, Duration refetchInterval) {

    public static AuthConfig from(Settings s) {
        String url = s.string("jwt.jwks-url", "http://127.0.0.1:8080/.well-known/jwks.json");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw s.invalid("jwt.jwks-url", url, "must be an http:// or https:// URL");
        }
        return new AuthConfig(URI.create(url), s.string("jwt.issuer", "tangle"), s.string("jwt.audience", "tangle"),
                s.duration("jwt.jwks-refetch-interval", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1)));
    }

    /** A verifier against the published JWKS, for services other than api-server. */
    public TokenVerifier verifier() {
        return new JwtVerifier(issuer, audience, new JwksKeySource(jwksUrl, refetchInterval));
    }
}
