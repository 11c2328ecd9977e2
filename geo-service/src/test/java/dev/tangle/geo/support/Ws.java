package dev.tangle.geo.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;

/** A test WebSocket client (JDK java.net.http) that records every frame it receives. */
public final class Ws implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket ws;

    public static Ws connect(String baseUrl, String token) {
        Ws client = new Ws();
        String url = baseUrl.replace("http://", "ws://") + "/v1/ws?access_token=" + token;
        client.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), client.listener()).orTimeout(10, TimeUnit.SECONDS).join();
        client.await("hello", f -> f.path("type").asText().equals("hello"));
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                synchronized (partial) {
                    partial.append(data);
                    if (last) {
                        frames.add(Json.tree(partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                        partial.setLength(0);
                    }
                }
                webSocket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    public synchronized void send(Object frame) {
        ws.sendText(Json.writeString(frame), true).join();
    }

    public List<JsonNode> frames(Predicate<JsonNode> match) {
        return frames.stream().filter(match).toList();
    }

    public List<JsonNode> notifications(String kind) {
        return frames(f -> f.path("type").asText().equals("notification") && f.path("kind").asText().equals(kind));
    }

    public List<JsonNode> locations() {
        return frames(f -> f.path("type").asText().equals("location"));
    }

    public JsonNode await(String what, Predicate<JsonNode> match) {
        return await(Duration.ofSeconds(10), what, match);
    }

    public JsonNode await(Duration timeout, String what, Predicate<JsonNode> match) {
        Await.until(timeout, what, () -> frames.stream().anyMatch(match));
        return frames.stream().filter(match).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        ws.sendClose(1000, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
