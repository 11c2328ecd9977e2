package dev.tangle.tools.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.tangle.common.json.Json;

/**
 * Users and group conversations for a run, over the REST API. Registering hashes a password (argon2id), so
 * users are cached in {@code .tangle/bench/tangle-users.json} per API URL and reused through their refresh
 * tokens on the next run; conversations are created fresh each run.
 */
final class TangleSetup {

    record User(String handle, String password, String id, String refreshToken, String accessToken) {
    }

    private final URI api;
    private final Path cacheFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore parallel;

    TangleSetup(URI api, Path cacheFile, int concurrency) {
        this.api = api;
        this.cacheFile = cacheFile;
        this.parallel = new Semaphore(concurrency);
    }

    /** Fails fast with {@link TargetUnavailable} when the API does not answer. */
    void checkReachable() {
        try {
            http.send(HttpRequest.newBuilder(api.resolve("/health/live")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (ConnectException e) {
            throw new TargetUnavailable("Tangle is not running: nothing answers at " + api);
        } catch (IOException e) {
            throw new TargetUnavailable("Tangle is not reachable at " + api + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailable("interrupted");
        }
    }

    /** {@code n} users with fresh access tokens: cached ones refreshed, the rest registered. */
    List<User> users(int n) throws Exception {
        List<User> cached = readCache();
        List<Future<User>> futures = new ArrayList<>(n);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                User old = i < cached.size() ? cached.get(i) : null;
                futures.add(pool.submit(() -> limited(() -> refreshOrRegister(old))));
            }
        }
        List<User> users = new ArrayList<>(n);
        for (Future<User> f : futures) {
            users.add(f.get());
        }
        List<User> keep = new ArrayList<>(users);
        if (cached.size() > n) {
            keep.addAll(cached.subList(n, cached.size()));
        }
        writeCache(keep);
        return users;
    }

    /** One group conversation per member list (first id is the creator); returns the conversation ids. */
    List<String> groupConversations(List<List<User>> groups) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<User> members : groups) {
                futures.add(pool.submit(() -> limited(() -> createGroup(members))));
            }
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : futures) {
            ids.add(f.get());
        }
        return ids;
    }

    private String createGroup(List<User> members) throws IOException, InterruptedException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("kind", "group").put("title", "bench");
        members.subList(1, members.size()).forEach(u -> body.withArray("memberIds").add(u.id()));
        return post("/v1/conversations", body, members.get(0).accessToken(), 201).get("id").asText();
    }

    private User refreshOrRegister(User old) throws IOException, InterruptedException {
        if (old != null) {
            JsonNode r = tryPost("/v1/auth/refresh", Json.MAPPER.createObjectNode().put("refreshToken", old.refreshToken()), null);
            if (r != null) {
                return new User(old.handle(), old.password(), old.id(), r.get("refreshToken").asText(), r.get("accessToken").asText());
            }
        }
        String handle = "bench_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        String password = "bench-" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        JsonNode r = post("/v1/auth/register", Json.MAPPER.createObjectNode().put("handle", handle).put("password", password), null, 201);
        return new User(handle, password, r.get("user").get("id").asText(), r.get("refreshToken").asText(), r.get("accessToken").asText());
    }

    JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return Json.MAPPER.readTree(res.body());
    }

    private JsonNode post(String path, JsonNode body, String token, int expected) throws IOException, InterruptedException {
        HttpResponse<String> res = send(path, body, token);
        for (int retry = 1; retry <= 2 && res.statusCode() >= 500; retry++) {
            // set-up is not what is measured: say so loudly, and try the same request again once or twice
            System.err.println("bench: set-up POST " + path + " answered " + res.statusCode() + " (retrying): " + res.body());
            Thread.sleep(1000L * retry);
            res = send(path, body, token);
        }
        if (res.statusCode() != expected && res.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return Json.MAPPER.readTree(res.body());
    }

    private JsonNode tryPost(String path, JsonNode body, String token) throws IOException, InterruptedException {
        HttpResponse<String> res = send(path, body, token);
        return res.statusCode() / 100 == 2 ? Json.MAPPER.readTree(res.body()) : null;
    }

    private HttpResponse<String> send(String path, JsonNode body, String token) throws IOException, InterruptedException {
        HttpRequest req = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private <T> T limited(java.util.concurrent.Callable<T> call) throws Exception {
        parallel.acquire();
        try {
            return call.call();
        } finally {
            parallel.release();
        }
    }

    private List<User> readCache() {
        try {
            if (!Files.exists(cacheFile)) {
                return List.of();
            }
            JsonNode root = Json.MAPPER.readTree(Files.readString(cacheFile));
            if (!api.toString().equals(root.path("api").asText())) {
                return List.of();
            }
            List<User> users = new ArrayList<>();
            for (JsonNode u : root.path("users")) {
                users.add(new User(u.get("handle").asText(), u.get("password").asText(), u.get("id").asText(),
                        u.get("refreshToken").asText(), null));
            }
            return users;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private void writeCache(List<User> users) throws IOException {
        Files.createDirectories(cacheFile.getParent());
        List<Map<String, String>> rows = new ArrayList<>();
        for (User u : users) {
            Map<String, String> row = new HashMap<>();
            row.put("handle", u.handle());
            row.put("password", u.password());
            row.put("id", u.id());
            row.put("refreshToken", u.refreshToken());
            rows.add(row);
        }
        Files.writeString(cacheFile, Json.writeString(Map.of("api", api.toString(), "users", rows)));
    }
}
