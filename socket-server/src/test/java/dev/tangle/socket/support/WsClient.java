package dev.tangle.socket.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;
import dev.tangle.common.test.Await;

/** A test WebSocket client on the JDK's java.net.http.WebSocket, recording every frame it receives. */
public final class WsClient {

    public static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Runnable onClosed = () -> { };
    private final StringBuilder partial = new StringBuilder();
    private volatile Consumer<JsonNode> onFrame = f -> { };
    private volatile boolean paused;
    private volatile long lastHeardNanos = System.nanoTime();
    private WebSocket ws;

    private WsClient() {
    }

    public static WsClient connect(String baseUrl, String token) {
        return connect(baseUrl, token, b -> { });
    }

    public static WsClient connect(String baseUrl, String token, Consumer<WebSocket.Builder> customize) {
        return connect(baseUrl, token, customize, f -> { });
    }

    /** Connects with a handler called for every frame from the first (hello) on. */
    public static WsClient connect(String baseUrl, String token, Consumer<WebSocket.Builder> customize,
                                   Consumer<JsonNode> onFrame) {
        WsClient client = new WsClient();
        client.onFrame = onFrame;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        customize.accept(builder);
        String url = baseUrl.replace("http://", "ws://") + "/v1/ws?access_token=" + token;
        client.ws = builder.buildAsync(URI.create(url), client.listener()).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    public void send(Object frame) {
        sendText(frame instanceof String s ? s : Json.writeString(frame));
    }

    public synchronized void sendText(String text) {
        ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Stops reading from the socket: the server's writes back up. */
    public void pause() {
        paused = true;
    }

    public void unpause() {
        paused = false;
        ws.request(Long.MAX_VALUE / 2);
    }

    /** Runs once the connection is closed or failed. */
    public void onClosed(Runnable action) {
        onClosed = action;
        if (closed.isDone()) {
            action.run();
        }
    }

    /** When the server was last heard (frame or ping), as {@link System#nanoTime()}. */
    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    public List<JsonNode> frames() {
        return frames;
    }

    public List<JsonNode> frames(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    public JsonNode await(String what, Predicate<JsonNode> condition) {
        return await(Duration.ofSeconds(10), what, condition);
    }

    public JsonNode await(Duration timeout, String what, Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        Await.until(timeout, what, () -> {
            for (JsonNode f : frames) {
                if (condition.test(f)) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public JsonNode awaitType(String type) {
        return await("a " + type + " frame", f -> type.equals(f.path("type").asText()));
    }

    /** The close code, waiting up to the timeout for it. */
    public int awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public void close() {
        if (!closed.isDone()) {
            ws.sendClose(1000, "bye");
            ws.abort();
        }
    }

    public void abort() {
        ws.abort();
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                lastHeardNanos = System.nanoTime();
                partial.append(data);
                if (last) {
                    JsonNode frame = Json.tree(partial.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    partial.setLength(0);
                    frames.add(frame);
                    onFrame.accept(frame);
                }
                if (!paused) {
                    webSocket.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                lastHeardNanos = System.nanoTime();
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                onClosed.run();
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(1006);
                onClosed.run();
            }
        };
    }
}
