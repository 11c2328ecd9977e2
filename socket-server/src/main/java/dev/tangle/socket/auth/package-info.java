/**
 * Access token keys: JWKS fetched from api-server (stand-in until common's JwksKeySource is merged).
 */
package dev.tangle.socket.auth;
