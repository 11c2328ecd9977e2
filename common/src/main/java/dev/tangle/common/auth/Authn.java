package dev.tangle.common.auth;

import java.util.Optional;

import dev.tangle.common.error.Problems;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** Reads the caller from {@code Authorization: Bearer <token>}. */
public final class Authn {

    private static final String BEARER = "bearer ";

    private Authn() {
    }

    /** The caller, or 401 problem+json when the token is missing or invalid. */
    public static Principal require(ServerRequest req, TokenVerifier verifier) {
        return bearerToken(req).map(verifier::verify)
                .orElseThrow(() -> Problems.unauthorized("A bearer access token is required"));
    }

    /** The bearer token of a request, if it has one. */
    public static Optional<String> bearerToken(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION)
                .filter(value -> value.length() > BEARER.length() && value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(value -> value.substring(BEARER.length()).trim());
    }
}
