package dev.tangle.tools.web;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;

import dev.tangle.tools.cli.Service;

/**
 * The one origin of the dev stack: serves the built client from {@code web/dist} and passes every API path
 * ({@link EdgeRoutes}) through to its service, the WebSocket upgrade included. One virtual thread per connection
 * and direction. A proxied exchange is forwarded byte for byte after its head, which gets {@code Connection: close}
 * (unless it is an upgrade) and {@code X-Forwarded-*}; so each proxied connection carries exactly one request or one
 * WebSocket, and its frames flow both ways untouched (ADR 0100).
 */
public final class DevEdge implements Closeable {

    private static final List<String> HOP_BY_HOP = List.of("Connection", "Keep-Alive", "Proxy-Connection");
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int HEAD_TIMEOUT_MS = 60_000;

    private final ServerSocket server;
    private final String backendHost;
    private final IntUnaryOperator portOfOffset;
    private final StaticFiles files;
    private final PrintStream console;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DevEdge(ServerSocket server, String backendHost, IntUnaryOperator portOfOffset, StaticFiles files,
                    PrintStream console) {
        this.server = server;
        this.backendHost = backendHost;
        this.portOfOffset = portOfOffset;
        this.files = files;
        this.console = console;
    }

    /**
     * Listens on {@code bindHost:port} (0 picks a free port) and starts accepting.
     *
     * @param portOfService a service's port from its port offset (api-server 0 … media-service 3)
     */
    public static DevEdge start(String bindHost, int port, String backendHost, IntUnaryOperator portOfService,
                                Path dist, PrintStream console) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bindHost), port), 256);
            DevEdge edge = new DevEdge(server, backendHost, portOfService, new StaticFiles(dist), console);
            Thread.ofPlatform().daemon().name("tangle-edge-accept").start(edge::acceptLoop);
            return edge;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + bindHost + ":" + port, e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(DevEdge::quietClose);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread.ofVirtual().name("tangle-edge-conn").start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    console.println("tangle: edge accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(HEAD_TIMEOUT_MS);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (!closed) {
                Optional<HttpHead> read = HttpHead.read(in);
                if (read.isEmpty()) {
                    return;
                }
                HttpHead head = read.get();
                Optional<Service> service = EdgeRoutes.serviceFor(head.target());
                if (service.isPresent()) {
                    proxy(head, client, service.get());
                    return;
                }
                boolean keepAlive = files.serve(head, out);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (HttpHead.HeadTooLarge e) {
            respondQuietly(client, 431, "request head too large");
        } catch (IOException e) {
            // the client went away; nothing to tell anyone
        } finally {
            open.remove(client);
        }
    }

    private void proxy(HttpHead head, Socket client, Service service) throws IOException {
        int port = portOfOffset.applyAsInt(service.portOffset());
        Socket backend = new Socket();
        open.add(backend);
        try (backend) {
            try {
                backend.connect(new InetSocketAddress(backendHost, port), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                console.println("tangle: edge: " + service.module() + " on port " + port + " does not answer ("
                                + head.method() + " " + pathOnly(head.target()) + ")");
                respondQuietly(client, 502, service.module() + " does not answer");
                return;
            }
            client.setSoTimeout(0);
            boolean upgrade = head.upgrade();
            String remote = client.getInetAddress().getHostAddress();
            List<String> forwarded = List.of("X-Forwarded-For: " + remote, "X-Forwarded-Proto: http",
                    "X-Forwarded-Host: " + head.header("Host").orElse(""));
            HttpHead outgoing = upgrade
                    ? head.without(List.of("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"), forwarded)
                    : head.without(concat(HOP_BY_HOP, "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"),
                            concat(forwarded, "Connection: close"));
            OutputStream toBackend = backend.getOutputStream();
            toBackend.write(outgoing.bytes());
            toBackend.flush();
            Thread upstream = Thread.ofVirtual().name("tangle-edge-up").start(() -> pipe(client, backend));
            InputStream fromBackend = backend.getInputStream();
            Optional<HttpHead> response = HttpHead.read(fromBackend);
            if (response.isEmpty()) {
                respondQuietly(client, 502, service.module() + " closed the connection");
                return;
            }
            HttpHead reply = response.get();
            if (reply.status() != 101) {
                reply = reply.without(HOP_BY_HOP, List.of("Connection: close"));
            }
            OutputStream toClient = client.getOutputStream();
            toClient.write(reply.bytes());
            toClient.flush();
            fromBackend.transferTo(toClient);
            toClient.flush();
            client.shutdownOutput();
            upstream.interrupt();
        } catch (SocketException e) {
            // one side closed: the exchange is over
        } finally {
            open.remove(backend);
        }
    }

    /** Client to backend until the client stops sending; then the backend sees end of input. */
    private static void pipe(Socket client, Socket backend) {
        try {
            client.getInputStream().transferTo(backend.getOutputStream());
            backend.shutdownOutput();
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void respondQuietly(Socket client, int status, String detail) {
        try {
            String body = "{\"type\":\"about:blank\",\"title\":\"" + reason(status) + "\",\"status\":" + status
                          + ",\"detail\":\"" + detail + "\",\"code\":\"" + (status == 502 ? "unavailable" : "bad_request")
                          + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/problem+json\r\n"
                          + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = client.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
        } catch (IOException ignored) {
            // the client is gone
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 304 -> "Not Modified";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** The path of a request target without its query (which may hold an access token). */
    static String pathOnly(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static List<String> concat(List<String> list, String... more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.Arrays.stream(more)).toList();
    }

    private static void quietClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
