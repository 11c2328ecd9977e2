package dev.tangle.api.identity;

import java.net.InetSocketAddress;
import java.util.Locale;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** The rate limits of register and login: per client IP, and login failures per handle. */
public final class LoginThrottle {

    private static final int MAX_KEYS = 100_000;

    private final RateLimiter registerPerIp;
    private final RateLimiter loginPerIp;
    private final RateLimiter loginFailuresPerHandle;
    private final boolean trustForwardedFor;

    public LoginThrottle(RateLimitConfig config) {
        this.registerPerIp = new RateLimiter(config.registerPerIp(), MAX_KEYS);
        this.loginPerIp = new RateLimiter(config.loginPerIp(), MAX_KEYS);
        this.loginFailuresPerHandle = new RateLimiter(config.loginFailuresPerHandle(), MAX_KEYS);
        this.trustForwardedFor = config.trustForwardedFor();
    }

    public void beforeRegister(ServerRequest req) {
        registerPerIp.consume(clientIp(req));
    }

    /** Counts the attempt against the IP, and refuses a handle that has used up its failures. */
    public void beforeLogin(ServerRequest req, String handle) {
        loginPerIp.consume(clientIp(req));
        loginFailuresPerHandle.check(handle.toLowerCase(Locale.ROOT));
    }

    public void loginFailed(String handle) {
        loginFailuresPerHandle.record(handle.toLowerCase(Locale.ROOT));
    }

    /** The peer address, or the last {@code X-Forwarded-For} entry (the one our proxy added) if proxies are trusted. */
    String clientIp(ServerRequest req) {
        if (trustForwardedFor) {
            var forwarded = req.headers().first(HeaderNames.X_FORWARDED_FOR);
            if (forwarded.isPresent() && !forwarded.get().isBlank()) {
                String[] hops = forwarded.get().split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return req.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(req.remotePeer().address());
    }
}
