package dev.tangle.common.json;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tangle.common.error.Problems;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Reads JSON request bodies (415 for a wrong content type, 413 over the size limit, 400 for malformed JSON)
 * and writes JSON responses.
 */
public final class HttpJson {

    private static volatile long maxBodyBytes = 1024 * 1024;

    private HttpJson() {
    }

    /** Set once at start-up from {@code http.max-body}. */
    public static void maxBodyBytes(long limit) {
        maxBodyBytes = limit;
    }

    public static long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The request body as a validated JSON object. */
    public static JsonBody body(ServerRequest req) {
        return JsonBody.of(parse(req));
    }

    /** The request body as any JSON value, every string in it checked by {@link TextRules}. */
    public static JsonNode tree(ServerRequest req) {
        JsonNode node = parse(req);
        TextRules.check(node);
        return node;
    }

    private static JsonNode parse(ServerRequest req) {
        String contentType = req.headers().contentType().map(HttpMediaType::text).orElse(null);
        if (contentType == null || !isJson(contentType)) {
            throw Problems.unsupportedMediaType(contentType);
        }
        long limit = maxBodyBytes;
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > limit) {
            throw Problems.payloadTooLarge(limit);
        }
        if (!req.content().hasEntity()) {
            throw Problems.malformedJson("Request body is empty");
        }
        try (InputStream in = new LimitedInputStream(req.content().inputStream(), limit)) {
            JsonNode node = Json.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw Problems.malformedJson("Request body is empty");
            }
            return node;
        } catch (LimitedInputStream.LimitExceeded e) {
            throw Problems.payloadTooLarge(limit);
        } catch (JsonProcessingException e) {
            throw Problems.malformedJson("Body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            if (e.getCause() instanceof LimitedInputStream.LimitExceeded) {
                throw Problems.payloadTooLarge(limit);
            }
            throw Problems.malformedJson("Body could not be read: " + e.getMessage());
        }
    }

    private static boolean isJson(String contentType) {
        String type = contentType.toLowerCase();
        int semicolon = type.indexOf(';');
        String bare = (semicolon >= 0 ? type.substring(0, semicolon) : type).trim();
        return bare.equals("application/json") || bare.endsWith("+json");
    }

    public static void send(ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }

    public static void ok(ServerResponse res, Object body) {
        send(res, 200, body);
    }

    public static void created(ServerResponse res, Object body) {
        send(res, 201, body);
    }

    public static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }
}
