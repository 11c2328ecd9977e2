package dev.tangle.tools.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge against real sockets: a static root, two HTTP backends, a WebSocket-style upgrade backend, a dead one. */
class DevEdgeTest {

    @TempDir
    Path dist;

    private HttpServer api;
    private HttpServer geo;
    private ServerSocket socketServer;
    private int deadPort;
    private DevEdge edge;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>client</title>");
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app-1.js"), "console.log(1)");
        Files.writeString(dist.getParent().resolve("secret.txt"), "outside");
        api = echo("api");
        geo = echo("geo");
        socketServer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::upgradeBackend);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        int[] ports = {api.getAddress().getPort(), socketServer.getLocalPort(), geo.getAddress().getPort(), deadPort};
        edge = DevEdge.start("127.0.0.1", 0, "127.0.0.1", offset -> ports[offset], dist,
                new PrintStream(new ByteArrayOutputStream()));
    }

    @AfterEach
    void stop() throws IOException {
        edge.close();
        api.stop(0);
        geo.stop(0);
        socketServer.close();
    }

    @Test
    void servesTheClientAndItsRoutesButNothingOutsideItsRoot() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>client</title>");
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
        HttpResponse<String> asset = get("/assets/app-1.js");
        assertThat(asset.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(asset.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("immutable"));
        assertThat(get("/chats/123").body()).contains("<title>client</title>");
        assertThat(get("/missing.png").statusCode()).isEqualTo(404);
        assertThat(get("/%2e%2e/secret.txt").statusCode()).isEqualTo(404);
        assertThat(rawGet("/../secret.txt")).startsWith("HTTP/1.1 404").doesNotContain("outside");
        assertThat(rawGet("/a%00b")).startsWith("HTTP/1.1 404");
        assertThat(rawGet("/%zz")).startsWith("HTTP/1.1 404");
    }

    @Test
    void proxiesEachPathToItsServiceWithBodyAndForwardedFor() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/v1/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"handle\":\"a\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).isEqualTo("api POST /v1/auth/login body={\"handle\":\"a\"} xff=127.0.0.1");
        assertThat(get("/v1/location/live?x=1").body()).isEqualTo("geo GET /v1/location/live body= xff=127.0.0.1");
        assertThat(get("/.well-known/jwks.json").body()).startsWith("api GET /.well-known/jwks.json");
        // many in a row: each proxied request gets its own connection and answer
        for (int i = 0; i < 20; i++) {
            assertThat(get("/v1/users/" + i).body()).startsWith("api GET /v1/users/" + i + " ");
        }
    }

    @Test
    void aServiceThatDoesNotAnswerIsA502Problem() throws Exception {
        HttpResponse<String> res = get("/v1/media/1");
        assertThat(res.statusCode()).isEqualTo(502);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(res.body()).contains("\"code\":\"unavailable\"").contains("media-service");
    }

    @Test
    void anUpgradedConnectionCarriesBytesBothWays() throws Exception {
        try (Socket client = new Socket("127.0.0.1", edge.port())) {
            client.setSoTimeout(5000);
            OutputStream out = client.getOutputStream();
            out.write(("GET /v1/ws?access_token=t HTTP/1.1\r\nHost: edge\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = client.getInputStream();
            HttpHead head = HttpHead.read(in).orElseThrow();
            assertThat(head.status()).isEqualTo(101);
            assertThat(head.header("Upgrade")).contains("websocket");
            assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("hello"); // server first
            for (String frame : new String[] {"ping-1", "ping-2"}) {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(new String(in.readNBytes(frame.length() + 5), StandardCharsets.UTF_8)).isEqualTo("echo:" + frame);
            }
        }
    }

    /** A backend that answers one upgrade: 101, "hello", then echoes every chunk prefixed with "echo:". */
    private void upgradeBackend() {
        while (!socketServer.isClosed()) {
            try (Socket s = socketServer.accept()) {
                HttpHead head = HttpHead.read(s.getInputStream()).orElseThrow();
                boolean ok = head.upgrade() && head.target().startsWith("/v1/ws") && head.header("X-Forwarded-For").isPresent();
                OutputStream out = s.getOutputStream();
                out.write(((ok ? "HTTP/1.1 101 Switching Protocols" : "HTTP/1.1 400 Bad") + "\r\nUpgrade: websocket\r\n"
                           + "Connection: Upgrade\r\n\r\nhello").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                byte[] buf = new byte[64];
                int n;
                while ((n = s.getInputStream().read(buf)) > 0) {
                    out.write(("echo:" + new String(Arrays.copyOf(buf, n), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static HttpServer echo(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String xff = ex.getRequestHeaders().getFirst("X-Forwarded-For");
            byte[] reply = (name + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " body=" + body
                            + " xff=" + xff).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        return server;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String rawGet(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", edge.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + edge.port() + path);
    }
}
