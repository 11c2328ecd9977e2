package dev.tangle.api.identity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccountIT {

    private static ApiTestServer api;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        api = ApiTestServer.start();
        http = api.http();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void registerReturnsUserAndTokensThatAuthenticate() {
        var response = http.post("/v1/auth/register", Map.of("handle", "ada_l", "password", "correct horse", "displayName", "Ada"), null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var body = response.json();
        assertThat(body.get("user").get("handle").asText()).isEqualTo("ada_l");
        assertThat(body.get("user").get("displayName").asText()).isEqualTo("Ada");
        assertThat(body.get("expiresIn").asLong()).isBetween(1L, 900L);
        assertThat(body.get("refreshToken").asText()).hasSizeGreaterThan(30);
        assertThat(body.toString()).doesNotContain("password").doesNotContain("argon2");

        var me = http.get("/v1/users/me", body.get("accessToken").asText());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(body.get("user").get("id").asText());
    }

    @Test
    void handleIsUniqueIgnoringCase() {
        TestUser user = api.register("case");
        var again = http.post("/v1/auth/register", Map.of("handle", user.handle().toUpperCase(), "password", "another password"), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("conflict");
    }

    @Test
    void badHandleOrPasswordIs400NamingTheField() {
        var shortHandle = http.post("/v1/auth/register", Map.of("handle", "ab", "password", "long enough"), null);
        assertThat(shortHandle.status()).isEqualTo(400);
        assertThat(shortHandle.json().get("errors").get(0).get("field").asText()).isEqualTo("handle");
        var badChars = http.post("/v1/auth/register", Map.of("handle", "no-dashes", "password", "long enough"), null);
        assertThat(badChars.json().get("errors").get(0).get("field").asText()).isEqualTo("handle");
        var shortPassword = http.post("/v1/auth/register", Map.of("handle", "fine_handle", "password", "short"), null);
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
    }

    @Test
    void loginWithUnknownHandleAndWrongPasswordFailAlike() {
        TestUser user = api.register("login");
        var ok = http.post("/v1/auth/login", Map.of("handle", user.handle(), "password", user.password()), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("accessToken").asText()).isNotBlank();

        var wrong = http.post("/v1/auth/login", Map.of("handle", user.handle(), "password", "not the password"), null);
        var unknown = http.post("/v1/auth/login", Map.of("handle", "nobody_here", "password", "not the password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void passwordIsStoredAsArgon2id() throws Exception {
        TestUser user = api.register("hash");
        try (Connection c = DriverManager.getConnection(api.env().get("TANGLE_DB_URL"), api.env().get("TANGLE_DB_USER"), "");
             var s = c.prepareStatement("SELECT password_hash FROM api.users WHERE id = ?")) {
            s.setObject(1, user.id());
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            String hash = rs.getString(1);
            assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(user.password());
        }
    }

    @Test
    void protectedEndpointWithoutTokenIs401() {
        var response = http.get("/v1/users/me", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(http.get("/v1/users/me", "not.a.jwt").status()).isEqualTo(401);
    }
}
