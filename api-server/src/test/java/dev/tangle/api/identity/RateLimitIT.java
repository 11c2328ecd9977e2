package dev.tangle.api.identity;

import java.util.Map;

import dev.tangle.api.support.ApiTestServer;
import dev.tangle.api.support.TestUser;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.HttpTestClient.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Register per IP, login per IP and login failures per handle answer 429 problem+json with Retry-After. */
class RateLimitIT {

    @Test
    void limitsAreEnforcedAndConfigurable() {
        try (ApiTestServer api = ApiTestServer.start(Map.of(
                "TANGLE_RATELIMIT_REGISTER_PER_IP", "3/1h",
                "TANGLE_RATELIMIT_LOGIN_PER_IP", "8/1m",
                "TANGLE_RATELIMIT_LOGIN_FAILURES_PER_HANDLE", "3/15m"))) {
            HttpTestClient http = api.http();
            TestUser victim = api.register("rl_victim");
            TestUser other = api.register("rl_other");

            for (int i = 0; i < 3; i++) {
                assertThat(login(http, victim.handle(), "wrong password").status()).isEqualTo(401);
            }
            Response locked = login(http, victim.handle().toUpperCase(), victim.password());
            assertRateLimited(locked);
            assertThat(locked.header("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 15L * 60);
            assertThat(login(http, other.handle(), other.password()).status()).as("another handle is unaffected").isEqualTo(200);

            for (int i = 0; i < 3; i++) {
                assertThat(login(http, other.handle(), other.password()).status()).isEqualTo(200);
            }
            assertRateLimited(login(http, other.handle(), other.password()));

            assertThat(register(http, "rl_third").status()).isEqualTo(201);
            Response fourth = register(http, "rl_fourth");
            assertRateLimited(fourth);
            assertThat(fourth.header("Retry-After")).isPresent();
        }
    }

    private static void assertRateLimited(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(response.header("Retry-After")).isPresent();
    }

    private static Response login(HttpTestClient http, String handle, String password) {
        return http.post("/v1/auth/login", Map.of("handle", handle, "password", password), null);
    }

    private static Response register(HttpTestClient http, String handle) {
        return http.post("/v1/auth/register", Map.of("handle", handle, "password", "long enough pw"), null);
    }
}
