package dev.tangle.api.identity;

import dev.tangle.api.users.User;

/**
 * What register and login return: {@code {user, accessToken, refreshToken, expiresIn}}.
 */
public record AuthResult(User user, String accessToken, String refreshToken, long expiresIn) {
}
