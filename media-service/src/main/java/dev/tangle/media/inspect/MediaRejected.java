package dev.tangle.media.inspect;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.ErrorCode;

/**
 * A file that is not acceptable media, whatever is retried: refused at upload with the catalog code, or the
 * {@code failed} status of a job with {@link #reason()}.
 */
public final class MediaRejected extends RuntimeException {

    private final ErrorCode code;
    private final String reason;

    /**
     * @param code   what the client sees (413, 415, 422)
     * @param reason short machine reason, e.g. {@code too_many_pixels}, {@code truncated} (metrics, failed status)
     * @param detail human sentence
     */
    public MediaRejected(ErrorCode code, String reason, String detail) {
        super(detail);
        this.code = code;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public ApiException toApi() {
        return code.exception(getMessage());
    }
}
