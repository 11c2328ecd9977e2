package dev.tangle.api.identity;

/** What refresh returns: {@code {accessToken, refreshToken, expiresIn}}. */
public record TokenPair(String accessToken, String refreshToken, long expiresIn) {
}
