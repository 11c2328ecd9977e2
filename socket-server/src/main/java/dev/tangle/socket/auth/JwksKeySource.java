package dev.tangle.socket.auth;

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

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tangle.common.auth.JwtVerifier;

/**
 * Public keys from api-server's JWKS endpoint, cached; an unknown {@code kid} refetches the set, at most once
 * per {@link #REFETCH_INTERVAL}, so a flood of forged key ids cannot turn into a flood of fetches.
 *
 * <p>Stand-in until common's {@code JwksKeySource} (identity work) is merged.
 */
public final class JwksKeySource implements JwtVerifier.KeySource {

    static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(JwksKeySource.class.getName());

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Map<String, JWK> keys = Map.of();
    private volatile long lastFetchNanos;
    private volatile boolean fetched;

    public JwksKeySource(URI url) {
        this.url = url;
    }

    @Override
    public Optional<JWK> key(String kid) {
        JWK key = keys.get(kid);
        if (key == null && refetchAllowed()) {
            refetch();
            key = keys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    private synchronized boolean refetchAllowed() {
        long now = System.nanoTime();
        if (fetched && now - lastFetchNanos < REFETCH_INTERVAL.toNanos()) {
            return false;
        }
        fetched = true;
        lastFetchNanos = now;
        return true;
    }

    private void refetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.log(Level.WARNING, "JWKS " + url + " answered " + response.statusCode());
                return;
            }
            Map<String, JWK> parsed = new java.util.HashMap<>();
            for (JWK jwk : JWKSet.parse(response.body()).getKeys()) {
                if (jwk.getKeyID() != null) {
                    parsed.put(jwk.getKeyID(), jwk);
                }
            }
            keys = Map.copyOf(parsed);
        } catch (IOException | ParseException e) {
            LOG.log(Level.WARNING, "Cannot fetch JWKS from " + url + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
