package dev.tangle.api.audit;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Where the current request comes from (client IP and user agent), for audit rows written deep inside a service.
 * A routing filter sets it for the duration of each request on the request's own (virtual) thread.
 *
 * @param ip        the peer address, or the last {@code X-Forwarded-For} hop behind a trusted proxy
 * @param userAgent the {@code User-Agent} header, cut to 256 characters
 */
public record RequestOrigin(String ip, String userAgent) {

    private static final ThreadLocal<RequestOrigin> CURRENT = new ThreadLocal<>();

    public static Optional<RequestOrigin> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The filter that records each request's origin. */
    public static Filter filter(boolean trustForwardedFor) {
        return new Filter() {
            @Override
            public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
                String ip = req.remotePeer().host();
                if (trustForwardedFor) {
                    var forwarded = req.headers().first(HeaderNames.X_FORWARDED_FOR);
                    if (forwarded.isPresent() && !forwarded.get().isBlank()) {
                        String[] hops = forwarded.get().split(",");
                        ip = hops[hops.length - 1].trim();
                    }
                }
                String ua = req.headers().first(HeaderNames.USER_AGENT).orElse(null);
                CURRENT.set(new RequestOrigin(ip, ua == null || ua.length() <= 256 ? ua : ua.substring(0, 256)));
                try {
                    chain.proceed();
                } finally {
                    CURRENT.remove();
                }
            }
        };
    }
}
