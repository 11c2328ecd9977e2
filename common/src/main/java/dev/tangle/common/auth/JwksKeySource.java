package dev.tangle.common.auth;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * Public keys fetched from api-server's {@code /.well-known/jwks.json} and cached. A {@code kid} that is not in
 * the cache causes a refetch, but at most one per {@code refetchInterval}, so a flood of tokens with made-up key
 * ids cannot turn into a flood of requests. Keys are never evicted by time: api-server removes a key from its
 * set only after every token it signed has expired, and such tokens fail on {@code exp} anyway.
 */
public final class JwksKeySource implements JwtVerifier.KeySource {

    private static final System.Logger LOG = System.getLogger(JwksKeySource.class.getName());

    private final URI url;
    private final long refetchNanos;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong fetches = new AtomicLong();
    private volatile Map<String, JWK> keys = Map.of();
    private volatile long lastFetch;
    private volatile boolean fetchedOnce;
    private final LongSupplier nanoClock;

    public JwksKeySource(URI url, Duration refetchInterval) {
        this(url, refetchInterval, System::nanoTime);
    }

    /** With the given monotonic clock (nanoseconds), so tests can move time instead of waiting. */
    JwksKeySource(URI url, Duration refetchInterval, LongSupplier nanoClock) {
        this.url = url;
        this.refetchNanos = refetchInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public Optional<JWK> key(String kid) {
        JWK known = keys.get(kid);
        if (known != null) {
            return Optional.of(known);
        }
        refetchIfAllowed();
        return Optional.ofNullable(keys.get(kid));
    }

    /** How many times the set was requested, for tests and metrics. */
    public long fetchCount() {
        return fetches.get();
    }

    private synchronized void refetchIfAllowed() {
        long now = nanoClock.getAsLong();
        if (fetchedOnce && now - lastFetch < refetchNanos) {
            return;
        }
        fetchedOnce = true;
        lastFetch = now;
        fetches.incrementAndGet();
        try {
            keys = fetch();
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot fetch the JWKS from " + url + ": " + e
                                   + "; keeping " + keys.size() + " cached key(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, JWK> fetch() throws IOException, InterruptedException, ParseException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return JWKSet.parse(response.body()).getKeys().stream()
                .filter(k -> k.getKeyID() != null && !k.isPrivate())
                .collect(Collectors.toUnmodifiableMap(JWK::getKeyID, Function.identity(), (a, b) -> a));
    }
}
