package dev.tangle.common.http;

import java.lang.System.Logger.Level;

import dev.tangle.common.db.DbFailures;
import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
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
        res.send(Json.write(Problems.document(ex)));
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
        var known = DbFailures.asProblem(ex);
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
