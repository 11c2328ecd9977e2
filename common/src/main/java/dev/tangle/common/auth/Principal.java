package dev.tangle.common.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Who made a request, from a verified access token.
 *
 * @param userId    the token's {@code sub}
 * @param tokenId   the token's {@code jti}
 * @param expiresAt the token's {@code exp}
 */
public record Principal(UUID userId, String tokenId, Instant expiresAt) {
}
