package dev.tangle.tools.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The built client ({@code web/dist}): a file when it exists, {@code index.html} for any other path without a file
 * extension (the client routes itself), 404 otherwise. {@code index.html} is never cached; hashed assets under
 * {@code assets/} are cached for a year.
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("map", "application/json"));

    private final Path root;

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Answers one request; returns whether the connection may carry another. */
    boolean serve(HttpHead head, OutputStream out) throws IOException {
        boolean keepAlive = !head.header("Connection").map(c -> c.equalsIgnoreCase("close")).orElse(false);
        String method = head.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            write(out, 405, "text/plain; charset=utf-8", "no-store", "only GET and HEAD here\n".getBytes(StandardCharsets.UTF_8),
                    true, keepAlive);
            return keepAlive;
        }
        Path index = root.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            byte[] page = ("<!doctype html><title>Tangle</title><p>The web client is not built. Run "
                           + "<code>npm --prefix web ci &amp;&amp; npm --prefix web run build</code> (tangle dev does it when "
                           + "npm is installed).</p>").getBytes(StandardCharsets.UTF_8);
            write(out, 503, "text/html; charset=utf-8", "no-store", page, method.equals("GET"), keepAlive);
            return keepAlive;
        }
        Path file = resolve(DevEdge.pathOnly(head.target()));
        if (file == null) {
            write(out, 404, "text/plain; charset=utf-8", "no-store", "not found\n".getBytes(StandardCharsets.UTF_8),
                    method.equals("GET"), keepAlive);
            return keepAlive;
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(extension(name), "application/octet-stream");
        String cache = root.relativize(file).startsWith("assets") ? "public, max-age=31536000, immutable" : "no-cache";
        write(out, 200, type, cache, Files.readAllBytes(file), method.equals("GET"), keepAlive);
        return keepAlive;
    }

    /** The file for a path, index.html for client routes, or null. Never a file outside the root. */
    private Path resolve(String path) {
        Path candidate;
        try {
            String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            candidate = root.resolve(decoded.replaceFirst("^/+", "")).normalize();
        } catch (IllegalArgumentException e) { // bad %-escape or a character no path may hold (InvalidPathException)
            return null;
        }
        if (!candidate.startsWith(root)) {
            return null;
        }
        if (Files.isRegularFile(candidate)) {
            return candidate;
        }
        String last = candidate.getFileName() == null ? "" : candidate.getFileName().toString();
        return last.contains(".") ? null : root.resolve("index.html");
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void write(OutputStream out, int status, String type, String cache, byte[] body, boolean withBody,
                              boolean keepAlive) throws IOException {
        String head = "HTTP/1.1 " + status + " " + DevEdge.reason(status) + "\r\nContent-Type: " + type
                      + "\r\nContent-Length: " + body.length + "\r\nCache-Control: " + cache
                      + "\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: "
                      + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }
}
