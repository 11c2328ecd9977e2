package dev.tangle.tools.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of one HTTP/1.1 message (request line or status line, then header lines), read byte by byte up to the
 * blank line so that nothing of the body is consumed.
 *
 * @param startLine the request line ({@code GET /x HTTP/1.1}) or the status line
 * @param headers   {@code Name: value} lines in order
 */
public record HttpHead(String startLine, List<String> headers) {

    /** Heads larger than this are refused (431). */
    static final int MAX_BYTES = 64 * 1024;

    public HttpHead {
        headers = List.copyOf(headers);
    }

    /** Reads a head; empty when the stream ended before any byte; fails when it is too large or cut short. */
    public static Optional<HttpHead> read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int total = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (total == 0) {
                    return Optional.empty();
                }
                throw new IOException("connection closed inside a message head");
            }
            if (++total > MAX_BYTES) {
                throw new HeadTooLarge();
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return Optional.of(new HttpHead(lines.getFirst(), lines.subList(1, lines.size())));
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
    }

    /** The request method ({@code GET}). */
    public String method() {
        return part(0);
    }

    /** The request target ({@code /v1/users?q=a}). */
    public String target() {
        return part(1);
    }

    /** The status code of a response head, or 0. */
    public int status() {
        try {
            return Integer.parseInt(part(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String part(int index) {
        String[] parts = startLine.split(" ", 3);
        return parts.length > index ? parts[index] : "";
    }

    /** The first value of a header, ignoring case. */
    public Optional<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(h -> h.substring(prefix.length()).trim()).findFirst();
    }

    /** Whether this asks for (or, in a response, agrees to) a protocol upgrade such as WebSocket. */
    public boolean upgrade() {
        return header("Upgrade").isPresent()
               && header("Connection").map(c -> c.toLowerCase(Locale.ROOT).contains("upgrade")).orElse(false);
    }

    /** A copy without the named headers, with the given lines appended. */
    public HttpHead without(List<String> names, List<String> extra) {
        List<String> kept = new ArrayList<>();
        for (String h : headers) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (names.stream().noneMatch(n -> lower.startsWith(n.toLowerCase(Locale.ROOT) + ":"))) {
                kept.add(h);
            }
        }
        kept.addAll(extra);
        return new HttpHead(startLine, kept);
    }

    /** The head as sent on the wire, blank line included. */
    public byte[] bytes() {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        headers.forEach(h -> text.append(h).append("\r\n"));
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Thrown when a head exceeds {@link #MAX_BYTES}. */
    public static final class HeadTooLarge extends IOException {
        HeadTooLarge() {
            super("message head over " + MAX_BYTES + " bytes");
        }
    }
}
