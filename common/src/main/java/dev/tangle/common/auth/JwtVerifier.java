package dev.tangle.common.auth;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;
import dev.tangle.common.id.Ids;

/**
 * Verifies RS256 access tokens: the header must name a known {@code kid} and {@code alg: RS256} (so
 * {@code none}, HS256 keyed with the public key and every other algorithm are refused before any key is used),
 * the signature must verify with that RSA key, and {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat} and {@code sub} must hold.
 *
 * <p>A signature check costs more CPU than the rest of a typical request, and a client presents the same token
 * for up to its lifetime, so tokens that verified are remembered (bounded, exact string match) until they
 * expire. A remembered token stays valid until its {@code exp} even if its key is withdrawn meanwhile.
 */
public final class JwtVerifier implements TokenVerifier {

    /** Tolerated clock difference between issuer and verifier. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final String issuer;
    private final String audience;
    private final KeySource keys;
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Principal> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final int maxRemembered;

    /** How many verified tokens a verifier remembers by default. */
    public static final int DEFAULT_REMEMBERED = 10_000;

    /** Finds the public key for a {@code kid}. */
    public interface KeySource {
        Optional<JWK> key(String kid);
    }

    public JwtVerifier(String issuer, String audience, KeySource keys) {
        this(issuer, audience, keys, DEFAULT_REMEMBERED);
    }

    /** @param maxRemembered verified tokens to remember; 0 checks every signature (benchmarks, tests) */
    public JwtVerifier(String issuer, String audience, KeySource keys, int maxRemembered) {
        this.issuer = issuer;
        this.audience = audience;
        this.keys = keys;
        this.maxRemembered = maxRemembered;
    }

    @Override
    public Principal verify(String token) {
        Principal known = verified.get(token);
        if (known != null) {
            if (known.expiresAt().plus(CLOCK_SKEW).isAfter(Instant.now())) {
                return known;
            }
            verified.remove(token);
        }
        Principal principal = verifySignatureAndClaims(token);
        if (maxRemembered == 0) {
            return principal;
        }
        if (verified.size() >= maxRemembered) {
            verified.clear();
        }
        verified.put(token, principal);
        return principal;
    }

    private Principal verifySignatureAndClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                throw invalid("unsupported algorithm");
            }
            String kid = jwt.getHeader().getKeyID();
            if (kid == null) {
                throw invalid("no key id");
            }
            JWK jwk = keys.key(kid).orElseThrow(() -> invalid("unknown key id"));
            if (!jwt.verify(verifierFor(jwk))) {
                throw invalid("bad signature");
            }
            return principal(jwt.getJWTClaimsSet());
        } catch (ParseException e) {
            throw invalid("malformed token");
        } catch (JOSEException e) {
            throw invalid("signature could not be checked");
        }
    }

    /** One verifier per key, built once: deriving the public key on every call would cost as much as the check. */
    private JWSVerifier verifierFor(JWK jwk) throws JOSEException {
        JWSVerifier cached = verifiers.get(jwk);
        if (cached != null) {
            return cached;
        }
        if (!(jwk instanceof RSAKey rsaKey)) {
            throw invalid("key is not an RSA key");
        }
        JWSVerifier verifier = new RSASSAVerifier(rsaKey.toRSAPublicKey());
        if (verifiers.size() > 64) {
            verifiers.clear();
        }
        verifiers.put(jwk, verifier);
        return verifier;
    }

    private Principal principal(JWTClaimsSet claims) {
        Instant now = Instant.now();
        if (!issuer.equals(claims.getIssuer())) {
            throw invalid("wrong issuer");
        }
        if (claims.getAudience() == null || !Set.copyOf(claims.getAudience()).contains(audience)) {
            throw invalid("wrong audience");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw Problems.unauthorized("The access token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw invalid("not yet valid");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw invalid("issued in the future");
        }
        UUID subject = Ids.parse(claims.getSubject()).orElseThrow(() -> invalid("bad subject"));
        return new Principal(subject, claims.getJWTID(), exp.toInstant());
    }

    private static ApiException invalid(String why) {
        return Problems.unauthorized("The access token is invalid (" + why + ")");
    }
}
