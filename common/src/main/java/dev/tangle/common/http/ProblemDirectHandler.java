package dev.tangle.common.http;

import java.util.Locale;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;
import dev.tangle.common.json.Json;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * problem+json for the errors Helidon answers itself, before or outside routing (a broken request line or header,
 * a URI or headers too long, a body over the server's payload limit): the same {@code {type, title, status,
 * detail, code}} as {@link ProblemHandlers}. A message saying "Header size exceeded" becomes the 431 it is; Helidon
 * 4.5.0 passes no message for a refused header block (its reason is not a "safe" message), so that is a 400.
 */
public final class ProblemDirectHandler implements DirectHandler {

    private ProblemDirectHandler() {
    }

    /** A handler for every event type. */
    public static DirectHandlers handlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        ProblemDirectHandler handler = new ProblemDirectHandler();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        String detail = message == null || message.isBlank() ? status.reasonPhrase() : message;
        int code = status.code();
        if (code == 400 && detail.toLowerCase(Locale.ROOT).contains("header size exceeded")) {
            code = 431;
        }
        Status answered = Status.create(code);
        ApiException problem = new ApiException(code, codeOf(code), title(answered), detail);
        headers.set(HeaderNames.CONTENT_TYPE, ProblemHandlers.PROBLEM_JSON);
        headers.remove(HeaderNames.CONTENT_LENGTH);
        return TransportResponse.builder()
                .status(answered)
                .headers(headers)
                .entity(Json.write(Problems.document(problem)))
                .build();
    }

    private static String title(Status status) {
        return ErrorCode.forStatus(status.code()).title();
    }

    static String codeOf(int status) {
        return ErrorCode.forStatus(status).code();
    }
}
