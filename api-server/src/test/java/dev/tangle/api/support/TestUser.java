package dev.tangle.api.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.test.HttpTestClient;

/**
 * A registered account and its tokens.
 *
 * @param id           user id
 * @param handle       handle
 * @param password     password
 * @param accessToken  access token
 * @param refreshToken refresh token
 */
public record TestUser(UUID id, String handle, String password, String accessToken, String refreshToken) {

    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Registers {@code handle} plus a unique suffix (handles are global within a database). */
    public static TestUser register(HttpTestClient http, String handle) {
        String unique = (handle + "_" + SEQ.incrementAndGet() + "_" + (System.nanoTime() % 100000));
        if (unique.length() > 32) {
            unique = unique.substring(unique.length() - 32);
        }
        String password = "pw-" + unique + "-secret";
        var response = http.post("/v1/auth/register", Map.of("handle", unique, "password", password), null);
        if (response.status() != 201) {
            throw new AssertionError("register " + unique + " failed: " + response);
        }
        JsonNode body = response.json();
        return new TestUser(UUID.fromString(body.get("user").get("id").asText()), unique, password,
                body.get("accessToken").asText(), body.get("refreshToken").asText());
    }
}
