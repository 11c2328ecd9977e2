package dev.tangle.common.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

import dev.tangle.common.error.ApiException;
import dev.tangle.common.error.Problems;

/**
 * What a PostgreSQL failure means to a client. PostgreSQL unreachable, a connection lost, no pooled connection in
 * time or a statement timeout: {@code 503 unavailable} with {@code Retry-After} (retryable; nothing was committed).
 * A commit whose answer was lost: {@code 503 unavailable}, outcome unknown ({@link CommitOutcomeUnknownException}).
 * A value PostgreSQL refuses to store (SQLSTATE class 22): {@code 400 validation_failed}. Anything else is a bug
 * (500).
 */
public final class DbFailures {

    /** Server shutting down or crashed (57P01..57P03), too many connections (53300), the connection classes 08. */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String QUERY_CANCELED = "57014";

    private DbFailures() {
    }

    /** Whether a failure says PostgreSQL cannot be reached or the connection broke. */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || UNREACHABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.io.EOFException
                || t instanceof java.net.SocketException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether it was worth retrying later: unreachable, no connection in time, or cancelled by the timeout. */
    public static boolean isUnavailable(Throwable failure) {
        if (isConnectionFailure(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The client error a database failure is, if it is one (not a bug). */
    public static Optional<ApiException> asProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            if (t instanceof CommitOutcomeUnknownException) {
                return Optional.of(Problems.outcomeUnknown());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (isConnectionFailure(failure)) {
            return Optional.of(Problems.unavailable("PostgreSQL is unreachable; nothing was changed, retry later"));
        }
        if (isUnavailable(failure)) {
            return Optional.of(Problems.unavailable("The database is busy (no connection in time, or the statement "
                                                    + "timed out); nothing was changed, retry later"));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return Optional.of(Problems.validation("body", "holds a value that cannot be stored (SQLSTATE "
                                                               + sql.getSQLState() + ")"));
            }
        }
        return Optional.empty();
    }
}
