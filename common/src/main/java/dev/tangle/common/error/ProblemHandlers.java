package dev.tangle.common.error;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tangle.common.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses:
 * {@code {type, title, status, detail, code}} plus {@code errors} for invalid fields.
 */
public final class ProblemHandlers {

    private static final System.Logger LOG = System.getLogger(ProblemHandlers.class.getName());
    public static final String PROBLEM_JSON = "application/problem+json";

    private ProblemHandlers() {
    }

    /** Registers the error handlers on a routing. */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, (req, res, ex) -> send(res, ex))
                .error(HttpException.class, ProblemHandlers::httpException)
                .error(Throwable.class, ProblemHandlers::unexpected);
    }

    /** Writes a problem response. */
    public static void send(ServerResponse res, ApiException ex) {
        if (res.isSent()) {
            return;
        }
        ex.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        res.status(Status.create(ex.status()));
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        res.send(Json.write(body(ex)));
    }

    /** The problem document of a failure; also used for WebSocket error frames. */
    public static Map<String, Object> body(ApiException ex) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ErrorCode.of(ex.code()).map(ErrorCode::type)
                .orElse("https://tangle.dev/problems/" + ex.code().replace('_', '-')));
        body.put("title", ex.title());
        body.put("status", ex.status());
        body.put("detail", ex.detail());
        body.put("code", ex.code());
        if (!ex.fieldErrors().isEmpty()) {
            body.put("errors", ex.fieldErrors());
        }
        return body;
    }

    private static void httpException(ServerRequest req, ServerResponse res, HttpException ex) {
        int status = ex.status().code();
        if (status >= 500) {
            unexpected(req, res, ex);
            return;
        }
        ErrorCode code = ErrorCode.forStatus(status); // a status outside the catalog keeps its status
        send(res, new ApiException(status, code.code(), code.title(), ex.getMessage()));
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable ex) {
        var known = dev.tangle.common.db.DbFailures.asProblem(ex);
        if (known.isPresent()) {
            if (known.get().status() >= 500) {
                LOG.log(Level.WARNING, req.prologue().method().text() + " " + req.path().path() + " [" + req.id()
                                       + "]: " + known.get().title() + ": " + ex.getMessage());
            }
            send(res, known.get());
            return;
        }
        LOG.log(Level.ERROR, "Unexpected failure in " + req.prologue().method().text() + " "
                             + req.path().path() + " [" + req.id() + "]", ex);
        send(res, Problems.internal("The server failed to handle the request; reference " + req.id()));
    }
}
