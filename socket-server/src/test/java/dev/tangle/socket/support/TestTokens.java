package dev.tangle.socket.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;

/** An RS256 signing key whose public JWKS a tiny HTTP server publishes, as api-server does; signs access tokens. */
public final class TestTokens implements AutoCloseable {

    private final RSAKey key;
    private final WebServer jwks;

    public TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String body = new JWKSet(key.toPublicJWK()).toString();
        jwks = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/.well-known/jwks.json", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "application/json");
                    res.send(body);
                }))
                .build().start();
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + jwks.port() + "/.well-known/jwks.json";
    }

    public String token(UUID userId) {
        return token(userId, Duration.ofMinutes(15));
    }

    public String token(UUID userId, Duration ttl) {
        return sign(key, userId, ttl);
    }

    /** A token signed by a key nobody published. */
    public static String forged(UUID userId) {
        try {
            return sign(new RSAKeyGenerator(2048).keyID("forged").generate(), userId, Duration.ofMinutes(5));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(RSAKey signingKey, UUID userId, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer("tangle").audience(List.of("tangle")).subject(userId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        jwks.stop();
    }
}
