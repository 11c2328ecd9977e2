package dev.tangle.socket.session;

import java.util.Optional;

import dev.tangle.common.auth.Principal;
import dev.tangle.common.auth.TokenVerifier;
import dev.tangle.common.error.Problems;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

/**
 * Checks a WebSocket upgrade before it happens: the Origin against the allowlist, then the access token from
 * {@code ?access_token=} or {@code Authorization: Bearer}. Used both by the upgrade and by the plain HTTP route
 * on the same path that answers a refused upgrade with problem+json.
 */
public final class Handshake {

    public static final String SUBPROTOCOL = "tangle.v1";
    public static final HeaderName PROTOCOL_HEADER = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final WsSettings settings;

    public Handshake(TokenVerifier verifier, WsSettings settings) {
        this.verifier = verifier;
        this.settings = settings;
    }

    /**
     * @return the caller
     * @throws dev.tangle.common.error.ApiException 403 for a foreign origin, 401 for a missing or invalid token
     */
    public Principal check(UriQuery query, Headers headers) {
        String origin = headers.first(HeaderNames.ORIGIN).orElse(null);
        if (!settings.originAllowed(origin)) {
            throw Problems.forbidden("Origin " + origin + " may not open a WebSocket here");
        }
        return token(query, headers).map(verifier::verify)
                .orElseThrow(() -> Problems.unauthorized("An access token is required (access_token or Authorization: Bearer)"));
    }

    /** Verifies a token sent later over the socket ({@code auth} frame). */
    public Principal verify(String token) {
        return verifier.verify(token);
    }

    /** Whether the client asked for the tangle.v1 subprotocol. */
    public static boolean wantsSubprotocol(Headers headers) {
        return headers.all(PROTOCOL_HEADER, java.util.List::of).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .anyMatch(p -> p.trim().equals(SUBPROTOCOL));
    }

    private static Optional<String> token(UriQuery query, Headers headers) {
        if (query.contains("access_token")) {
            String value = query.get("access_token");
            if (!value.isBlank()) {
                return Optional.of(value);
            }
        }
        return headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.length() > BEARER.length() && v.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(v -> v.substring(BEARER.length()).trim());
    }
}
