package dev.tangle.socket.frames;

/**
 * A client frame that cannot be served; answered with an error frame, the session stays open.
 */
public final class FrameException extends RuntimeException {

    private final String code;
    private final String field;
    private final String frameId;

    public FrameException(String code, String field, String detail) {
        this(code, field, detail, null);
    }

    private FrameException(String code, String field, String detail, String frameId) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
        this.frameId = frameId;
    }

    /** The same failure, answering the client frame with this id. */
    public FrameException withId(String id) {
        return new FrameException(code, field, getMessage(), id);
    }

    /** The id of the frame that failed, when it was known before the failure. */
    public String frameId() {
        return frameId;
    }

    public static FrameException invalid(String field, String detail) {
        return new FrameException("validation_failed", field, field + ": " + detail);
    }

    public static FrameException notFound(String what) {
        return new FrameException("not_found", null, what + " not found");
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
