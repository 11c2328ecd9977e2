package dev.tangle.tools.bench.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection for load generation: writes a request in one call and reads the status and
 * a {@code Content-Length} body, nothing more (no chunked bodies, no redirects, no pipelining). It costs the
 * load generator a small fraction of what {@code java.net.http.HttpClient} does per request, so on a machine
 * shared with the server the measured rate is the server's. Blocking; one per virtual thread.
 */
public final class Http1Connection implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;

    /** A response: status code and body bytes. */
    public record Response(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Connects to the host and port of {@code base}.
     *
     * @param base          {@code http://host:port}
     * @param method        request method of every request on this connection
     * @param path          request path of every request
     * @param authorization value of the Authorization header, or null
     */
    public Http1Connection(URI base, String method, String path, String authorization) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        head = (method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request with a JSON body and reads its response. */
    public Response exchange(byte[] body) throws IOException {
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + length.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(length, 0, request, head.length, length.length);
        System.arraycopy(body, 0, request, head.length + length.length, body.length);
        out.write(request);
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int contentLength = 0;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.regionMatches(true, 0, "content-length", 0, colon)) {
                contentLength = Integer.parseInt(header.substring(colon + 1).trim());
            } else if (colon > 0 && header.regionMatches(true, 0, "transfer-encoding", 0, colon)) {
                throw new IOException("chunked responses are not supported: " + header);
            }
        }
        byte[] body = in.readNBytes(contentLength);
        if (body.length < contentLength) {
            throw new IOException("connection closed in the middle of a response body");
        }
        return new Response(status, body);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
