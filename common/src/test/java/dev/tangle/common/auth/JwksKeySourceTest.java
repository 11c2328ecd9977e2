package dev.tangle.common.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.test.Await;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JWKS client against a real HTTP endpoint whose key set the test changes. */
class JwksKeySourceTest {

    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private WebServer server;
    private URI url;

    @BeforeEach
    void start() {
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.get("/.well-known/jwks.json", (req, res) -> {
                    requests.incrementAndGet();
                    res.header("Content-Type", "application/json");
                    res.send(new JWKSet(published.stream().map(k -> (JWK) k.toPublicJWK()).toList()).toString());
                }))
                .build().start();
        url = URI.create("http://127.0.0.1:" + server.port() + "/.well-known/jwks.json");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void knownKeysAreCachedAndUnknownKidsRefetchAtMostOncePerInterval() throws Exception {
        RSAKey k1 = TestTokens.newKey("k1");
        published.add(k1);
        JwksKeySource source = new JwksKeySource(url, Duration.ofSeconds(30));
        JwtVerifier verifier = new JwtVerifier(TestTokens.ISSUER, TestTokens.AUDIENCE, source);

        for (int i = 0; i < 50; i++) {
            verifier.verify(TestTokens.sign(k1, TestTokens.claims(UUID.randomUUID()).build()));
        }
        assertThat(requests.get()).isEqualTo(1);

        RSAKey stranger = TestTokens.newKey("stranger");
        for (int i = 0; i < 100; i++) {
            String token = TestTokens.sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "made-up-" + i,
                    TestTokens.claims(UUID.randomUUID()).build());
            assertThatThrownBy(() -> verifier.verify(token))
                    .isInstanceOf(ApiException.class).hasMessageContaining("unknown key id");
        }
        assertThat(requests.get()).as("unknown kids within 30 s cause no refetch").isEqualTo(1);
        assertThat(source.fetchCount()).isEqualTo(1);
    }

    @Test
    void aNewKeyIsPickedUpOnceTheIntervalHasPassed() {
        RSAKey k1 = TestTokens.newKey("k1");
        published.add(k1);
        RSAKey k2 = TestTokens.newKey("k2");
        String oldToken = TestTokens.sign(k1, TestTokens.claims(UUID.randomUUID()).build());
        String newToken = TestTokens.sign(k2, TestTokens.claims(UUID.randomUUID()).build());
        AtomicLong clock = new AtomicLong();
        JwksKeySource source = new JwksKeySource(url, Duration.ofMillis(300), clock::get);
        JwtVerifier verifier = new JwtVerifier(TestTokens.ISSUER, TestTokens.AUDIENCE, source);
        verifier.verify(oldToken);

        published.addFirst(k2);
        clock.addAndGet(Duration.ofMillis(299).toNanos());
        assertThatThrownBy(() -> verifier.verify(newToken)).hasMessageContaining("unknown key id");
        assertThat(requests.get()).as("no refetch within the interval").isEqualTo(1);

        clock.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(verifier.verify(newToken).userId()).isNotNull();
        assertThat(requests.get()).isEqualTo(2);
        // the old key keeps verifying from the cache, however much later
        clock.addAndGet(Duration.ofHours(1).toNanos());
        verifier.verify(TestTokens.sign(k1, TestTokens.claims(UUID.randomUUID()).build()));
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void anUnreachableEndpointKeepsTheCachedKeys() {
        RSAKey k1 = TestTokens.newKey("k1");
        published.add(k1);
        JwksKeySource source = new JwksKeySource(url, Duration.ofMillis(10));
        JwtVerifier verifier = new JwtVerifier(TestTokens.ISSUER, TestTokens.AUDIENCE, source);
        verifier.verify(TestTokens.sign(k1, TestTokens.claims(UUID.randomUUID()).build()));
        server.stop();
        RSAKey unknown = TestTokens.newKey("k9");
        Await.until(Duration.ofSeconds(5), "a refetch attempt against the stopped server", () -> {
            assertThatThrownBy(() -> verifier.verify(TestTokens.sign(unknown, TestTokens.claims(UUID.randomUUID()).build())))
                    .hasMessageContaining("unknown key id");
            return source.fetchCount() >= 2;
        });
        assertThat(verifier.verify(TestTokens.sign(k1, TestTokens.claims(UUID.randomUUID()).build())).userId()).isNotNull();
    }
}
