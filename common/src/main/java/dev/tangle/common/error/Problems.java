package dev.tangle.common.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Factory for the error model's typed failures. Every error a client sees is built here. */
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
        return new ApiException(400, "validation_failed", "Validation failed", detail, errors, Map.of());
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, "Bad request", detail);
    }

    public static ApiException malformedJson(String detail) {
        return new ApiException(400, "malformed_json", "Malformed JSON", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
    }

    /** Also used for things that exist but that the caller may not see, so their existence does not leak. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", "Not found", what + " not found");
    }

    public static ApiException routeNotFound(String method, String path) {
        return new ApiException(404, "not_found", "Not found", "No route for " + method + " " + path);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail);
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "payload_too_large", "Payload too large",
                "Request body exceeds " + limit + " bytes");
    }

    public static ApiException unsupportedMediaType(String got) {
        return new ApiException(415, "unsupported_media_type", "Unsupported media type",
                "Expected Content-Type application/json, got " + (got == null ? "none" : got));
    }

    public static ApiException rateLimited(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(429, "rate_limited", "Too many requests",
                "Rate limit exceeded; retry after " + seconds + " s", List.of(),
                Map.of("Retry-After", Long.toString(seconds)));
    }

    /** A dependency is away; retryable, with {@code Retry-After: 1}. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "unavailable", "Service unavailable", detail, List.of(),
                Map.of("Retry-After", "1"));
    }

    /**
     * A write whose commit may or may not have happened (the connection broke during COMMIT, or no answer in time):
     * retryable like {@link #unavailable}, and safe to retry with the same idempotency key.
     */
    public static ApiException outcomeUnknown() {
        return new ApiException(503, "unavailable", "Outcome unknown",
                "The request may or may not have been committed; retry it with the same clientMsgId, "
                + "which returns the message if it was", List.of(), Map.of("Retry-After", "1"));
    }
}
