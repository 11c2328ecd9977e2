/**
 * Authentication shared by every service: the caller ({@link dev.tangle.common.auth.Principal}) read from a
 * bearer token by {@link dev.tangle.common.auth.Authn} and checked by a
 * {@link dev.tangle.common.auth.TokenVerifier}. Every endpoint but register, login, refresh and JWKS requires it.
 */
package dev.tangle.common.auth;
