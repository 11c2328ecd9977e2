package dev.tangle.common.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.tangle.common.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The JWT negative suite: every way a token can be wrong is a 401, and a good token passes. */
class JwtVerifierTest {

    private static final RSAKey KEY = TestTokens.newKey("k1");
    private final RSAKey key = KEY;
    private final UUID user = UUID.randomUUID();
    private final JwtVerifier verifier = new JwtVerifier(TestTokens.ISSUER, TestTokens.AUDIENCE,
            kid -> kid.equals(key.getKeyID()) ? Optional.of(key.toPublicJWK()) : Optional.empty());

    @Test
    void validTokenGivesItsSubject() {
        Principal principal = verifier.verify(TestTokens.sign(key, TestTokens.claims(user).build()));
        assertThat(principal.userId()).isEqualTo(user);
        assertThat(principal.expiresAt()).isAfter(Instant.now());
    }

    @Test
    void algNoneIsRejected() {
        String token = new PlainJWT(TestTokens.claims(user).build()).serialize();
        rejected(token, "malformed token");
        // a "none" header on an otherwise signed token
        String signed = TestTokens.sign(key, TestTokens.claims(user).build());
        String noneHeader = b64("{\"alg\":\"none\",\"kid\":\"k1\"}");
        rejected(noneHeader + signed.substring(signed.indexOf('.')), "");
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws Exception {
        byte[] publicKeyBytes = key.toRSAPublicKey().getEncoded();
        String token = TestTokens.sign(new MACSigner(publicKeyBytes), JWSAlgorithm.HS256, "k1", TestTokens.claims(user).build());
        rejected(token, "unsupported algorithm");
        byte[] jwkBytes = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        rejected(TestTokens.sign(new MACSigner(jwkBytes), JWSAlgorithm.HS256, "k1", TestTokens.claims(user).build()),
                "unsupported algorithm");
    }

    @Test
    void es256IsRejected() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        rejected(TestTokens.sign(new ECDSASigner(ec), JWSAlgorithm.ES256, "k1", TestTokens.claims(user).build()),
                "unsupported algorithm");
    }

    @Test
    void unknownOrMissingKidIsRejected() {
        RSAKey other = TestTokens.newKey("k2");
        rejected(TestTokens.sign(other, TestTokens.claims(user).build()), "unknown key id");
        RSAKey noKid = TestTokens.newKey(null);
        rejected(TestTokens.sign(noKid, TestTokens.claims(user).build()), "no key id");
    }

    @Test
    void signatureByAnotherKeyUnderAKnownKidIsRejected() {
        RSAKey impostor = TestTokens.newKey("k1");
        rejected(TestTokens.sign(impostor, TestTokens.claims(user).build()), "bad signature");
    }

    @Test
    void expiredTokenIsRejected() {
        Instant past = Instant.now().minus(Duration.ofMinutes(20));
        JWTClaimsSet claims = TestTokens.claims(user).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))).build();
        rejected(TestTokens.sign(key, claims), "expired");
        rejected(TestTokens.sign(key, TestTokens.claims(user).expirationTime(null).build()), "expired");
    }

    @Test
    void notYetValidTokenIsRejected() {
        Date future = Date.from(Instant.now().plus(Duration.ofMinutes(5)));
        rejected(TestTokens.sign(key, TestTokens.claims(user).notBeforeTime(future).build()), "not yet valid");
        rejected(TestTokens.sign(key, TestTokens.claims(user).notBeforeTime(null).issueTime(future).build()),
                "issued in the future");
    }

    @Test
    void wrongIssuerOrAudienceIsRejected() {
        rejected(TestTokens.sign(key, TestTokens.claims(user).issuer("evil").build()), "wrong issuer");
        rejected(TestTokens.sign(key, TestTokens.claims(user).audience("other-app").build()), "wrong audience");
        rejected(TestTokens.sign(key, TestTokens.claims(user).audience((String) null).build()), "wrong audience");
    }

    @Test
    void tamperedPayloadIsRejected() {
        String token = TestTokens.sign(key, TestTokens.claims(user).build());
        String[] parts = token.split("\\.");
        String forged = TestTokens.sign(TestTokens.newKey("k1"), TestTokens.claims(UUID.randomUUID()).build()).split("\\.")[1];
        rejected(parts[0] + "." + forged + "." + parts[2], "bad signature");
    }

    @Test
    void tamperedSignatureIsRejected() {
        String token = TestTokens.sign(key, TestTokens.claims(user).build());
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[10] ^= 0x01;
        rejected(parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature),
                "bad signature");
        rejected(parts[0] + "." + parts[1] + ".", "");
    }

    @Test
    void missingOrMalformedSubjectIsRejected() {
        rejected(TestTokens.sign(key, TestTokens.claims(user).subject(null).build()), "bad subject");
        rejected(TestTokens.sign(key, TestTokens.claims(user).subject("admin").build()), "bad subject");
    }

    @Test
    void garbageIsRejected() {
        rejected("not-a-jwt", "malformed token");
        rejected("", "malformed token");
    }

    private void rejected(String token, String why) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> verifier.verify(token));
        assertThat(e).as("token must be rejected: " + why).isNotNull();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("unauthorized");
        assertThat(e.detail()).contains(why);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
