package dev.tangle.api.identity;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.auth.JwksKeySource;
import dev.tangle.common.auth.JwtVerifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rotation of the signing key across restarts, as docs/adr/0010 describes it. */
class KeyRotationIT {

    @Test
    void tokensOfTheOldKeyKeepVerifyingAfterRotationAndNewTokensCarryTheNewKid() throws Exception {
        ApiTestServer first = ApiTestServer.start();
        Path file = Path.of(first.env().get("TANGLE_JWT_KEYS_FILE"));
        TestUser user = first.register("rotate");
        String oldKid = kid(user.accessToken());
        first.close();

        SigningKeys rotated = KeyRotation.add(SigningKeys.parse(Files.readString(file), "test"), true);
        rotated.write(file);
        String newKid = rotated.current().getKeyID();
        assertThat(newKid).isNotEqualTo(oldKid);

        try (ApiTestServer second = first.startAnother()) {
            var http = second.http();
            assertThat(http.get("/v1/users/me", user.accessToken()).status()).as("old token after restart").isEqualTo(200);
            var login = http.post("/v1/auth/login", Map.of("handle", user.handle(), "password", user.password()), null).json();
            String fresh = login.get("accessToken").asText();
            assertThat(kid(fresh)).isEqualTo(newKid);
            assertThat(http.post("/v1/auth/refresh", Map.of("refreshToken", user.refreshToken()), null).status()).isEqualTo(200);

            List<String> published = http.get("/.well-known/jwks.json", null).json().findValuesAsText("kid");
            assertThat(published).containsExactly(newKid, oldKid);

            JwtVerifier remote = new JwtVerifier("tangle", "tangle", new JwksKeySource(
                    URI.create(second.service().baseUrl() + "/.well-known/jwks.json"), Duration.ofSeconds(30)));
            assertThat(remote.verify(user.accessToken()).userId()).isEqualTo(user.id());
            assertThat(remote.verify(fresh).userId()).isEqualTo(user.id());
        }

        SigningKeys retired = KeyRotation.retire(SigningKeys.parse(Files.readString(file), "test"), oldKid);
        retired.write(file);
        try (ApiTestServer third = first.startAnother()) {
            var response = third.http().get("/v1/users/me", user.accessToken());
            assertThat(response.status()).as("a retired key no longer verifies").isEqualTo(401);
            assertThat(third.http().get("/.well-known/jwks.json", null).json().findValuesAsText("kid")).containsExactly(newKid);
        }
    }

    @Test
    void twoPhaseRotationPublishesBeforeSigning() {
        SigningKeys keys = SigningKeys.of(List.of(SigningKeys.generate()));
        String original = keys.current().getKeyID();
        SigningKeys added = KeyRotation.add(keys, false);
        assertThat(added.current().getKeyID()).as("an added key does not sign yet").isEqualTo(original);
        assertThat(added.publicSet().getKeys()).hasSize(2);
        String next = added.keys().get(1).getKeyID();
        SigningKeys promoted = KeyRotation.promote(added, next);
        assertThat(promoted.current().getKeyID()).isEqualTo(next);
        assertThatThrownBy(() -> KeyRotation.retire(promoted, next)).hasMessageContaining("signs new tokens");
        assertThat(KeyRotation.retire(promoted, original).keys()).hasSize(1);
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }
}
