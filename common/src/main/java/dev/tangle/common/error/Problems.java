package dev.tangle.common.error;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Factory for the error model's typed failures. Every error a client sees is built here, from the one catalog
 * {@link ErrorCode} (code, HTTP status, title), so no transport invents a code or a title.
 */
public final class Problems {

    private Problems() {
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new ApiException.FieldError(field, message)));
    }

    public static ApiException validation(List<ApiException.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return ErrorCode.VALIDATION_FAILED.exception(detail, errors, Map.of());
    }

    /** A 400 of the catalog; {@code code} must be one of {@link ErrorCode}'s 400 codes. */
    public static ApiException badRequest(String code, String detail) {
        ErrorCode entry = ErrorCode.of(code).filter(c -> c.status() == 400).orElse(ErrorCode.BAD_REQUEST);
        return entry.exception(detail);
    }

    public static ApiException malformedJson(String detail) {
        return ErrorCode.MALFORMED_JSON.exception(detail);
    }

    public static ApiException unauthorized(String detail) {
        return ErrorCode.UNAUTHORIZED.exception(detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String detail) {
        return ErrorCode.FORBIDDEN.exception(detail);
    }

    /** Also used for things that exist but that the caller may not see, so their existence does not leak. */
    public static ApiException notFound(String what) {
        return ErrorCode.NOT_FOUND.exception(what + " not found");
    }

    public static ApiException routeNotFound(String method, String path) {
        return ErrorCode.NOT_FOUND.exception("No route for " + method + " " + path);
    }

    public static ApiException conflict(String detail) {
        return ErrorCode.CONFLICT.exception(detail);
    }

    public static ApiException payloadTooLarge(long limit) {
        return ErrorCode.PAYLOAD_TOO_LARGE.exception("Request body exceeds " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType(String got) {
        return ErrorCode.UNSUPPORTED_MEDIA_TYPE.exception(
                "Expected Content-Type application/json, got " + (got == null ? "none" : got));
    }

    public static ApiException rateLimited(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return ErrorCode.RATE_LIMITED.exception("Rate limit exceeded; retry after " + seconds + " s", List.of(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** A dependency is away; retryable, with {@code Retry-After: 1}. */
    public static ApiException unavailable(String detail) {
        return ErrorCode.UNAVAILABLE.exception(detail, List.of(), Map.of("Retry-After", "1"));
    }

    /**
     * A write whose commit may or may not have happened (the connection broke during COMMIT, or no answer in time):
     * retryable like {@link #unavailable}, and safe to retry with the same idempotency key.
     */
    public static ApiException outcomeUnknown() {
        return new ApiException(503, ErrorCode.UNAVAILABLE.code(), "Outcome unknown",
                "The request may or may not have been committed; retry it with the same clientMsgId, "
                + "which returns the message if it was", List.of(), Map.of("Retry-After", "1"));
    }

    /**
     * The RFC 9457 problem document of a failure, {@code {type, title, status, detail, code}} plus {@code errors}
     * for invalid fields: the body of a problem+json response, of a failed {@code tangle.svc.*} reply and (with
     * {@code errors}) of a WebSocket error frame.
     */
    public static Map<String, Object> document(ApiException ex) {
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

    /**
     * The failure a {@link #document} describes (its status, code, title, detail and field errors), or null when
     * {@code body} is not one; {@code retryAfter} headers are the caller's.
     */
    public static ApiException fromDocument(JsonNode body, int status, String detail, Map<String, String> headers) {
        if (body == null || !body.path("code").isTextual()) {
            return null;
        }
        List<ApiException.FieldError> fields = new ArrayList<>();
        body.path("errors").forEach(f -> fields.add(
                new ApiException.FieldError(f.path("field").asText(), f.path("message").asText())));
        String code = body.path("code").asText();
        String title = body.path("title").asText(ErrorCode.of(code).map(ErrorCode::title).orElse("Error"));
        return new ApiException(body.path("status").asInt(status), code, title, body.path("detail").asText(detail),
                fields, headers);
    }

    /** A failure of the server itself; the detail must not reveal internals. */
    public static ApiException internal(String detail) {
        return ErrorCode.INTERNAL_ERROR.exception(detail);
    }
}
