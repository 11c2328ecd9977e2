package dev.tangle.api.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.json.Json;

/** HTTP/1.1 over a plain socket, for requests no well-behaved client sends (broken request lines, huge headers). */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * One response to raw request bytes (sent as they are, then the output is shut down).
     *
     * @param status  status code (0 if the server closed without answering)
     * @param headers lower-case names
     * @param body    the body
     */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        JsonNode json() {
            return Json.tree(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        }
    }

    static Response exchange(String baseUrl, byte[] request) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading everything (413, 431): read what it said
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response exchange(String baseUrl, String request) {
        return exchange(baseUrl, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headerEnd = -1;
        int contentLength = -1;
        Map<String, String> headers = new TreeMap<>();
        int status = 0;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
                byte[] bytes = all.toByteArray();
                if (headerEnd < 0) {
                    headerEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (headerEnd >= 0) {
                        String[] lines = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
                        status = Integer.parseInt(lines[0].split(" ")[1]);
                        for (int i = 1; i < lines.length; i++) {
                            int colon = lines[i].indexOf(':');
                            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    lines[i].substring(colon + 1).trim());
                        }
                        contentLength = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
                    }
                }
                if (headerEnd >= 0 && contentLength >= 0 && bytes.length >= headerEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // take what arrived
        }
        byte[] bytes = all.toByteArray();
        if (headerEnd < 0) {
            return new Response(0, headers, bytes);
        }
        int start = headerEnd + 4;
        int end = contentLength >= 0 ? Math.min(bytes.length, start + contentLength) : bytes.length;
        byte[] body = java.util.Arrays.copyOfRange(bytes, start, end);
        return new Response(status, headers, body);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
