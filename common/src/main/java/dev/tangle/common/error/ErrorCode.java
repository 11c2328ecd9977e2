package dev.tangle.common.error;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one error catalog: every stable {@code code} a client can see, with its HTTP status, its title and the
 * WebSocket close code it maps to when a failure ends a socket (0: it is answered with an error frame and the
 * socket stays open). REST (problem+json), NATS replies ({@code Nats-Service-Error-Code}) and WebSocket error
 * frames all derive from this table; nothing else invents codes.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "Validation failed", 0),
    MALFORMED_JSON(400, "Malformed JSON", 0),
    BAD_REQUEST(400, "Bad request", 0),
    UNAUTHORIZED(401, "Unauthorized", 4001),
    FORBIDDEN(403, "Forbidden", 0),
    NOT_FOUND(404, "Not found", 0),
    METHOD_NOT_ALLOWED(405, "Method not allowed", 0),
    REQUEST_TIMEOUT(408, "Request timeout", 0),
    CONFLICT(409, "Conflict", 0),
    PAYLOAD_TOO_LARGE(413, "Payload too large", 1009),
    URI_TOO_LONG(414, "URI too long", 0),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", 1003),
    RANGE_NOT_SATISFIABLE(416, "Range not satisfiable", 0),
    UNPROCESSABLE(422, "Unprocessable content", 0),
    RATE_LIMITED(429, "Too many requests", 4008),
    HEADERS_TOO_LARGE(431, "Request header fields too large", 0),
    INTERNAL_ERROR(500, "Internal server error", 1011),
    NOT_IMPLEMENTED(501, "Not implemented", 0),
    UNAVAILABLE(503, "Service unavailable", 1013),
    HTTP_VERSION_NOT_SUPPORTED(505, "HTTP version not supported", 0),
    /** WebSocket only: a frame that is not JSON, not an object, or binary. */
    MALFORMED_FRAME(400, "Malformed frame", 0),
    /** WebSocket only: a frame of a type the protocol does not have. */
    UNKNOWN_TYPE(400, "Unknown frame type", 0),
    /** WebSocket only: {@code GET /v1/ws} without an upgrade. */
    UPGRADE_REQUIRED(400, "Upgrade required", 0);

    private static final Map<String, ErrorCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int status;
    private final String title;
    private final int closeCode;
    private final String code;

    ErrorCode(int status, String title, int closeCode) {
        this.status = status;
        this.title = title;
        this.closeCode = closeCode;
        this.code = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stable machine-readable string, e.g. {@code validation_failed}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The WebSocket close code when this failure ends a session, 0 when it is only an error frame. */
    public int closeCode() {
        return closeCode;
    }

    /** Whether the same request may succeed later unchanged. */
    public boolean retryable() {
        return this == UNAVAILABLE || this == RATE_LIMITED;
    }

    /** The problem type URI of problem+json bodies. */
    public String type() {
        return "https://tangle.dev/problems/" + code.replace('_', '-');
    }

    public static Optional<ErrorCode> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The catalog entry for an HTTP status the server produced without a code of its own. */
    public static ErrorCode forStatus(int status) {
        for (ErrorCode c : values()) {
            if (c.status == status && c != MALFORMED_JSON && c != VALIDATION_FAILED && c != MALFORMED_FRAME
                && c != UNKNOWN_TYPE && c != UPGRADE_REQUIRED) {
                return c;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }

    /** A failure of this kind with the given detail. */
    public ApiException exception(String detail) {
        return new ApiException(status, code, title, detail);
    }

    /** A failure of this kind with field errors and extra response headers (e.g. {@code Retry-After}). */
    public ApiException exception(String detail, java.util.List<ApiException.FieldError> fieldErrors,
                                  Map<String, String> headers) {
        return new ApiException(status, code, title, detail, fieldErrors, headers);
    }
}
