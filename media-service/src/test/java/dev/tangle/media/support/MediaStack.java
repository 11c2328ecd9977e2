package dev.tangle.media.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.api.ApiConfig;
import dev.tangle.common.http.RunningService;
import dev.tangle.common.test.Await;
import dev.tangle.common.test.HttpTestClient;
import dev.tangle.common.test.TestInfra;
import dev.tangle.media.Main;
import dev.tangle.media.MediaConfig;

/**
 * A real api-server and media-service on the shared test PostgreSQL (one database each, as in production: separate
 * schemas would do too) and NATS, with media stored under a temporary directory.
 */
public final class MediaStack implements AutoCloseable {

    private static final AtomicInteger SEQ = new AtomicInteger();

    public final RunningService api;
    public final HttpTestClient apiHttp;
    public final Map<String, String> mediaEnv;
    public RunningService media;
    public HttpTestClient http;
    public final Path storage;

    private MediaStack(Map<String, String> extra, boolean startMedia) {
        Map<String, String> env = TestInfra.env();
        try {
            env.put("TANGLE_JWT_KEYS_FILE", Files.createTempDirectory("tangle-keys").resolve("jwt-keys.json").toString());
            storage = Files.createTempDirectory("tangle-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("TANGLE_RATELIMIT_REGISTER_PER_IP", "100000/1m");
        env.put("TANGLE_RATELIMIT_LOGIN_PER_IP", "100000/1m");
        api = dev.tangle.api.Main.start(ApiConfig.from(TestInfra.settings(env)));
        apiHttp = new HttpTestClient(api.baseUrl());
        mediaEnv = new HashMap<>(env);
        mediaEnv.put("TANGLE_DB_URL", env.get("TANGLE_DB_URL")); // same database, own schema
        mediaEnv.put("TANGLE_JWT_JWKS_URL", api.baseUrl() + "/.well-known/jwks.json");
        mediaEnv.put("TANGLE_MEDIA_STORAGE_DIR", storage.toString());
        mediaEnv.put("TANGLE_MEDIA_URL_KEY_FILE", storage.resolve("url.key").toString());
        mediaEnv.put("TANGLE_MEDIA_JOBS_ACK_WAIT", "3s");
        mediaEnv.put("TANGLE_MEDIA_JOBS_BACKOFF", "200ms");
        mediaEnv.put("TANGLE_MEDIA_ACCESS_CACHE_TTL", "0s");
        mediaEnv.putAll(extra);
        if (startMedia) {
            media = Main.start(MediaConfig.from(TestInfra.settings(mediaEnv)));
            http = new HttpTestClient(media.baseUrl());
        }
    }

    public static MediaStack start(Map<String, String> extra) {
        return new MediaStack(extra, true);
    }

    /** api-server only; the test starts media-service instances itself. */
    public static MediaStack withoutMedia(Map<String, String> extra) {
        return new MediaStack(extra, false);
    }

    /** Another media-service instance on the same database, NATS and storage. */
    public RunningService anotherMedia(String instanceId) {
        Map<String, String> env = new HashMap<>(mediaEnv);
        env.put("TANGLE_INSTANCE_ID", instanceId);
        return Main.start(MediaConfig.from(TestInfra.settings(env)));
    }

    /** A registered user: id and access token. */
    public record User(String id, String token) {
    }

    public User register(String prefix) {
        String handle = (prefix + "_" + SEQ.incrementAndGet() + "_" + System.nanoTime() % 100000);
        var r = apiHttp.post("/v1/auth/register", Map.of("handle", handle, "password", "pw-" + handle + "-secret"), null);
        if (r.status() != 201) {
            throw new AssertionError("register failed: " + r);
        }
        return new User(r.json().path("user").path("id").asText(), r.json().path("accessToken").asText());
    }

    /** Raw upload: the bytes as the body. */
    public HttpTestClient.Response upload(User user, byte[] bytes, String filename, String query) {
        String q = "?filename=" + filename + (query.isEmpty() ? "" : "&" + query);
        return http.send(HttpRequest.newBuilder(URI.create(media.baseUrl() + "/v1/media" + q))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    public HttpTestClient.Response get(String path, User user) {
        return http.get(path, user == null ? null : user.token());
    }

    /** Waits until the item leaves {@code processing}; returns the media object. */
    public JsonNode awaitProcessed(User owner, String mediaId) {
        JsonNode[] last = new JsonNode[1];
        Await.until(Duration.ofSeconds(60), "media " + mediaId + " processed", () -> {
            var r = get("/v1/media/" + mediaId, owner);
            last[0] = r.json();
            return r.status() == 200 && !"processing".equals(last[0].path("status").asText());
        });
        return last[0];
    }

    public byte[] fetch(String relativeUrl) {
        var r = http.send(HttpRequest.newBuilder(URI.create(media.baseUrl() + relativeUrl)).GET().build());
        if (r.status() != 200) {
            throw new AssertionError("GET " + relativeUrl + ": " + r);
        }
        return r.raw().body();
    }

    public static String uniqueName() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        if (media != null) {
            media.stop();
        }
        api.stop();
    }
}
