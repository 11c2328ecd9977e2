/**
 * The one error model, free of any transport: the catalog {@link dev.tangle.common.error.ErrorCode} (code, HTTP
 * status, title, WebSocket close code), the typed failure {@link dev.tangle.common.error.ApiException} with its field
 * errors, and {@link dev.tangle.common.error.Problems}, which builds every failure and its problem document. Each
 * transport maps that document once: problem+json in {@code dev.tangle.common.http.ProblemHandlers} (and
 * {@code ProblemDirectHandler} for what Helidon answers before routing), {@code tangle.svc.*} error replies in
 * {@code dev.tangle.common.nats.service}, WebSocket error frames in socket-server. Depends on nothing else in common.
 */
package dev.tangle.common.error;
