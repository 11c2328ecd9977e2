package dev.tangle.media.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.media.store.BlobStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends a blob with {@code ETag} (a {@code If-None-Match} match is 304), {@code Cache-Control}, and one byte
 * {@code Range} (206 with {@code Content-Range}; unsatisfiable is 416); several ranges are answered with the whole
 * object, as RFC 9110 allows. Headers keep browsers from sniffing or running what they get.
 */
final class ContentResponder {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private ContentResponder() {
    }

    record Range(long start, long length) {
    }

    static void send(ServerRequest req, ServerResponse res, BlobStore blobs, String key, String contentType,
                     long size, String etag, String cacheControl, boolean attachment) {
        String quoted = "\"" + etag + "\"";
        res.header(HeaderNames.ETAG, quoted);
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'none'; sandbox");
        res.header(HeaderNames.create("Cross-Origin-Resource-Policy"), "same-site");
        if (attachment) {
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment");
        }
        Optional<String> ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch.isPresent() && (ifNoneMatch.get().contains(quoted) || ifNoneMatch.get().strip().equals("*"))) {
            res.status(Status.NOT_MODIFIED_304);
            res.send();
            return;
        }
        Optional<Range> range = req.headers().first(HeaderNames.RANGE).flatMap(h -> parse(h, size));
        long start = range.map(Range::start).orElse(0L);
        long length = range.map(Range::length).orElse(size);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        if (range.isPresent()) {
            res.status(Status.PARTIAL_CONTENT_206);
            res.header(HeaderNames.CONTENT_RANGE, "bytes " + start + "-" + (start + length - 1) + "/" + size);
        }
        res.header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
        if (req.prologue().method().text().equals("HEAD")) {
            res.send();
            return;
        }
        try (InputStream in = blobs.open(key, start, length); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One satisfiable range; empty to send the whole object; 416 when the range lies outside it. */
    static Optional<Range> parse(String header, long size) {
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) {
            return Optional.empty(); // several ranges or another unit: the whole object
        }
        String first = m.group(1);
        String last = m.group(2);
        long start;
        long end;
        try {
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return Optional.empty();
                }
                long suffix = Long.parseLong(last);
                if (suffix == 0) {
                    throw unsatisfiable(size);
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
                if (!last.isEmpty() && Long.parseLong(last) < start) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            throw unsatisfiable(size);
        }
        if (start >= size) {
            throw unsatisfiable(size);
        }
        return Optional.of(new Range(start, end - start + 1));
    }

    private static ApiException unsatisfiable(long size) {
        ApiException e = ErrorCode.RANGE_NOT_SATISFIABLE.exception("The range is outside the " + size + " bytes");
        return new ApiException(e.status(), e.code(), e.title(), e.detail(), java.util.List.of(),
                java.util.Map.of("Content-Range", "bytes */" + size));
    }
}
