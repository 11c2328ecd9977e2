/**
 * A service's PostgreSQL: the pool and migrations ({@link dev.tangle.common.db.Database}), array literals for
 * batch statements ({@link dev.tangle.common.db.Rows}), and what a database failure means to a client
 * ({@link dev.tangle.common.db.DbFailures}). Invariants: a wait for a connection and a statement are bounded;
 * while PostgreSQL is unreachable requests are refused at once ({@code ConnectionGuard}) and it is probed, so
 * service resumes as soon as it answers; a COMMIT whose answer was lost is reported as an unknown outcome, never
 * as a success or a clean failure (docs/adr/0060).
 */
package dev.tangle.common.db;
