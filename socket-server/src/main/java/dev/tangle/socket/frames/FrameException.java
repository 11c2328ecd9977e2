package dev.tangle.socket.frames;

import java.util.List;
import java.util.Map;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;
import dev.tangle.common.error.Problems;

/**
 * A client frame that cannot be served; answered with an error frame, the session stays open. It is an
 * {@link ApiException} of the one catalog, so a failure api-server answered (field errors included) reaches the
 * client exactly as REST would show it.
 */
public final class FrameException extends ApiException {

    private final String frameId;

    /** @param code a catalog code ({@link ErrorCode}); an unknown one is reported as {@code internal_error} */
    public FrameException(String code, String field, String detail) {
        this(of(code, field, detail), null);
    }

    private FrameException(ApiException problem, String frameId) {
        super(problem.status(), problem.code(), problem.title(), problem.detail(), problem.fieldErrors(), Map.of());
        this.frameId = frameId;
    }

    /** The failure a service answered, as a frame failure. */
    public static FrameException of(ApiException problem) {
        return problem instanceof FrameException fe ? fe : new FrameException(problem, null);
    }

    /** The same failure, answering the client frame with this id. */
    public FrameException withId(String id) {
        return new FrameException(this, id);
    }

    /** The id of the frame that failed, when it was known before the failure. */
    public String frameId() {
        return frameId;
    }

    public static FrameException invalid(String field, String message) {
        return new FrameException(Problems.validation(field, message), null);
    }

    public static FrameException notFound(String what) {
        return new FrameException(Problems.notFound(what), null);
    }

    /** The first invalid field, or null. */
    public String field() {
        return fieldErrors().isEmpty() ? null : fieldErrors().getFirst().field();
    }

    private static ApiException of(String code, String field, String detail) {
        ErrorCode entry = ErrorCode.of(code).orElse(ErrorCode.INTERNAL_ERROR);
        List<FieldError> fields = field == null ? List.of() : List.of(new FieldError(field, detail));
        return entry.exception(detail, fields, Map.of());
    }
}
