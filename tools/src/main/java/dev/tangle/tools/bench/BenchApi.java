package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;

/** REST calls of the seeding benchmarks (feed, search): JSON in and out, any status ≥ 300 is a failure. */
final class BenchApi {

    static final String PASSWORD = "bench-password-shared";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    BenchApi(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String base() {
        return base;
    }

    JsonNode get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
    }

    JsonNode post(String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    String login(String handle) throws IOException, InterruptedException {
        return post("/v1/auth/login", Map.of("handle", handle, "password", PASSWORD), null).get("accessToken").asText();
    }

    /** Registers one account through the API and returns its argon2id hash, to reuse for every seeded user. */
    String templateHash(Connection db, String prefix) throws IOException, InterruptedException, SQLException {
        String handle = prefix + "tpl_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        JsonNode registered = post("/v1/auth/register", Map.of("handle", handle, "password", PASSWORD), null);
        try (var s = db.prepareStatement("SELECT password_hash FROM users WHERE id = ?")) {
            s.setObject(1, UUID.fromString(registered.get("user").get("id").asText()));
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IOException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + new String(response.body()));
        }
        return Json.tree(response.body());
    }
}
