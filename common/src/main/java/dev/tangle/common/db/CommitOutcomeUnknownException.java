package dev.tangle.common.db;

/**
 * The connection broke while a COMMIT was under way: the transaction may or may not have committed. Work that is
 * idempotent by a client key (a send's {@code clientMsgId}) is safe to retry; the retry finds the committed row.
 */
public final class CommitOutcomeUnknownException extends RuntimeException {

    public CommitOutcomeUnknownException(Throwable cause) {
        super("The commit's outcome is unknown: " + cause.getMessage(), cause);
    }
}
