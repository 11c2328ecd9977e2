package dev.tangle.common.error;

import java.util.List;
import java.util.Map;

/**
 * A failure that a client caused or may see, mapped once per transport from its
 * {@link Problems#document problem document} (problem+json over HTTP by {@code dev.tangle.common.http.ProblemHandlers}).
 * The {@link #code()} is a stable machine-readable string that clients may switch on.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> fieldErrors;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of(), Map.of());
    }

    public ApiException(int status, String code, String title, String detail,
                        List<FieldError> fieldErrors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Extra response headers, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** One invalid field of a request, named as the client sent it (dotted path for nested fields). */
    public record FieldError(String field, String message) {
    }

    // Stack traces of client errors carry no information and cost time on hot paths.
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
