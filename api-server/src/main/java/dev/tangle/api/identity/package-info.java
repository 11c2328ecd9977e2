/**
 * Accounts, login, tokens (RS256 access tokens, rotating refresh tokens), JWKS, key rotation and login throttling.
 */
package dev.tangle.api.identity;
