package dev.tangle.common.auth;

/**
 * Verifies access tokens. A seam: api-server verifies against its own keys, the other services against the
 * published JWKS.
 */
public interface TokenVerifier {

    /**
     * @return the principal of a valid token
     * @throws dev.tangle.common.error.ApiException 401 {@code unauthorized} for any invalid token
     */
    Principal verify(String token);
}
