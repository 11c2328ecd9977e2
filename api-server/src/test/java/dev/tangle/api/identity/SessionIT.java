package dev.tangle.api.identity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh rotation and reuse, logout, logout-all, JWKS, and that no password or hash ever leaves the server. */
class SessionIT {

    private static final List<String> LOG_LINES = java.util.Collections.synchronizedList(new ArrayList<>());
    private static final Handler CAPTURE = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            LOG_LINES.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static ApiTestServer api;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        Logger root = Logger.getLogger("");
        root.addHandler(CAPTURE);
        CAPTURE.setLevel(Level.ALL);
        Logger.getLogger("dev.tangle").setLevel(Level.ALL);
        api = ApiTestServer.start();
        http = api.http();
    }

    @AfterAll
    static void stop() {
        api.close();
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void refreshRotatesAndTheOldTokenIsSpent() {
        TestUser user = api.register("rot");
        var first = refresh(user.refreshToken());
        assertThat(first.status()).isEqualTo(200);
        JsonNode body = first.json();
        assertThat(body.get("refreshToken").asText()).isNotEqualTo(user.refreshToken());
        assertThat(body.get("expiresIn").asLong()).isBetween(1L, 900L);
        assertThat(http.get("/v1/users/me", body.get("accessToken").asText()).status()).isEqualTo(200);

        var second = refresh(body.get("refreshToken").asText());
        assertThat(second.status()).isEqualTo(200);
        assertThat(refresh("no-such-token").status()).isEqualTo(401);
    }

    @Test
    void presentingASpentTokenRevokesTheWholeFamily() {
        TestUser user = api.register("reuse");
        String next = refresh(user.refreshToken()).json().get("refreshToken").asText();
        // another login is another family and survives
        String otherFamily = login(user).get("refreshToken").asText();

        var replay = refresh(user.refreshToken());
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(refresh(next).status()).as("the legitimate successor is revoked too").isEqualTo(401);
        assertThat(refresh(otherFamily).status()).isEqualTo(200);
    }

    @Test
    void logoutRevokesThatSessionOnly() {
        TestUser user = api.register("logout");
        String other = login(user).get("refreshToken").asText();
        assertThat(http.post("/v1/auth/logout", Map.of("refreshToken", user.refreshToken()), null).status()).isEqualTo(401);
        assertThat(http.post("/v1/auth/logout", Map.of("refreshToken", user.refreshToken()), user.accessToken()).status())
                .isEqualTo(204);
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(other).status()).isEqualTo(200);
    }

    @Test
    void logoutWithSomeoneElsesTokenChangesNothing() {
        TestUser victim = api.register("victim");
        TestUser attacker = api.register("attacker");
        assertThat(http.post("/v1/auth/logout", Map.of("refreshToken", victim.refreshToken()), attacker.accessToken()).status())
                .isEqualTo(204);
        assertThat(refresh(victim.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutAllRevokesEveryRefreshToken() {
        TestUser user = api.register("all");
        String second = login(user).get("refreshToken").asText();
        assertThat(http.post("/v1/auth/logout-all", "{}", null).status()).isEqualTo(401);
        assertThat(http.post("/v1/auth/logout-all", "{}", user.accessToken()).status()).isEqualTo(204);
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(401);
        assertThat(refresh(second).status()).isEqualTo(401);
        assertThat(login(user).get("refreshToken")).isNotNull();
    }

    @Test
    void jwksListsPublicKeysOnly() {
        var response = http.get("/.well-known/jwks.json", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode key = response.json().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("alg").asText()).isEqualTo("RS256");
        assertThat(key.get("use").asText()).isEqualTo("sig");
        assertThat(key.get("kid").asText()).isNotBlank();
        assertThat(key.has("d")).as("no private part").isFalse();
        assertThat(key.has("p")).isFalse();
    }

    @Test
    void theHashIsArgon2idAndNeverInAResponseOrALogLine() throws Exception {
        TestUser user = api.register("secret");
        String hash;
        try (Connection c = DriverManager.getConnection(api.env().get("TANGLE_DB_URL"), api.env().get("TANGLE_DB_USER"), "");
             var s = c.prepareStatement("SELECT password_hash FROM api.users WHERE id = ?")) {
            s.setObject(1, user.id());
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            hash = rs.getString(1);
        }
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        String salt = hash.split("\\$")[4];

        List<String> bodies = new ArrayList<>();
        bodies.add(login(user).toString());
        bodies.add(http.post("/v1/auth/login", Map.of("handle", user.handle(), "password", "wrong-" + user.password()), null).text());
        bodies.add(http.get("/v1/users/me", user.accessToken()).text());
        bodies.add(http.patch("/v1/users/me", Map.of("bio", "hello"), user.accessToken()).text());
        bodies.add(http.get("/v1/users/" + user.id(), user.accessToken()).text());
        bodies.add(http.get("/v1/users?q=" + user.handle(), user.accessToken()).text());
        bodies.add(http.post("/v1/auth/register", Map.of("handle", user.handle(), "password", user.password()), null).text());
        bodies.add(http.post("/v1/auth/register", "{\"handle\":\"x\",\"password\":\"" + user.password() + "\"}", null).text());

        for (String body : bodies) {
            assertThat(body).doesNotContain(hash).doesNotContain(salt).doesNotContain("argon2")
                    .doesNotContain(user.password());
        }
        assertThat(LOG_LINES).as("the server logged during this test class").isNotEmpty();
        for (String line : List.copyOf(LOG_LINES)) {
            assertThat(line).doesNotContain(hash).doesNotContain(salt).doesNotContain(user.password());
        }
    }

    private static HttpTestClient.Response refresh(String token) {
        return http.post("/v1/auth/refresh", Map.of("refreshToken", token), null);
    }

    private static JsonNode login(TestUser user) {
        var response = http.post("/v1/auth/login", Map.of("handle", user.handle(), "password", user.password()), null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

}
